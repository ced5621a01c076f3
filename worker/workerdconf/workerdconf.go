// Package workerdconf writes a workerd configuration, in Cap'n Proto text
// (workerd's src/workerd/server/workerd.capnp), that runs one worker
// directly on workerd, without wrangler dev and miniflare's entry worker in
// front of it: its modules, its vars and secrets as text bindings, static
// assets as a disk service, and D1 as miniflare builds it locally, a
// wrapped binding (cloudflare-internal:d1-api) over miniflare's own D1
// entry worker and its SQLite-backed Durable Object, stored on disk. Only
// the benchmark and tests use it.
package workerdconf

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"
)

// Kind is how workerd loads a module (workerd.capnp, Worker.Module).
type Kind int

const (
	// ESModule is JavaScript in ES module syntax.
	ESModule Kind = iota
	// CompiledWasm is a WebAssembly module, imported as a
	// WebAssembly.Module, as wrangler's CompiledWasm rule loads *.wasm.
	CompiledWasm
)

// Module is one module of the worker; the first is its main module.
type Module struct {
	Name string // as other modules import it, e.g. "app.wasm"
	Path string // the file on disk
	Kind Kind
}

// D1 is a local D1 database, laid out as wrangler's local D1 keeps it, so
// that `wrangler d1 migrations apply --local --persist-to P` and this
// configuration with Dir P/v3/d1 see the same database.
type D1 struct {
	Binding string // the env name, e.g. "DB"
	ID      string // database_id: names the Durable Object that holds it
	Dir     string // the storage directory, <persist-to>/v3/d1
	// Scripts is miniflare's worker scripts directory,
	// node_modules/miniflare/dist/src/workers: d1/entry.worker.js,
	// d1/database.worker.js and the shared modules they import.
	Scripts string
	// Admin, when set, is a loopback address on which the D1 entry
	// worker itself listens, for the setup (migrations) of a run; the
	// worker under test never uses it.
	Admin string
}

// Worker is the worker under test.
type Worker struct {
	CompatibilityDate  string
	CompatibilityFlags []string
	Modules            []Module
	Vars               map[string]string // text bindings: vars and secrets
	Assets             string            // a directory served as the ASSETS binding, or ""
	D1                 *D1
}

// Config is one workerd process serving one worker over HTTP.
type Config struct {
	Address string // host:port of the HTTP socket
	// ClientIP, when set, is sent to the worker as CF-Connecting-IP, as
	// Cloudflare's edge and wrangler dev do.
	ClientIP string
	Worker   Worker
}

// Names of the services in the generated configuration; the D1 names are
// miniflare's.
const (
	serviceMain    = "main"
	serviceAssets  = "assets"
	serviceD1Entry = "d1:db:entry"
	serviceD1DB    = "d1:db"
	serviceD1Disk  = "d1:storage"
	d1ObjectClass  = "D1DatabaseObject"
	// d1UniqueKey is miniflare's key for the D1 Durable Object class: the
	// file of a database is derived from it and the database_id.
	d1UniqueKey = "miniflare-" + d1ObjectClass
	// d1Compat is the compatibility date and flags miniflare gives its D1
	// workers (plugins/d1 and objectEntryWorker in miniflare's index.js).
	d1Compat = "2023-07-24"
)

// ErrConfig is a configuration that cannot be written.
var ErrConfig = errors.New("workerd configuration")

// Write writes c as Cap'n Proto text for a file in dir: module and script
// paths are embedded relative to dir.
func (c *Config) Write(w io.Writer, dir string) error {
	if err := c.check(); err != nil {
		return err
	}
	b := &builder{dir: dir}
	b.line(`using Workerd = import "/workerd/workerd.capnp";`)
	b.line(``)
	b.line(`const config :Workerd.Config = (`)
	b.line(`  services = [`)
	b.line(`    (name = %s, worker = (`, quote(serviceMain))
	b.line(`      compatibilityDate = %s,`, quote(c.Worker.CompatibilityDate))
	b.line(`      compatibilityFlags = [%s],`, quoteList(c.Worker.CompatibilityFlags))
	b.line(`      modules = [`)
	for _, m := range c.Worker.Modules {
		field := "esModule"
		if m.Kind == CompiledWasm {
			field = "wasm"
		}
		b.line(`        (name = %s, %s = embed %s),`, quote(m.Name), field, b.embed(m.Path))
	}
	b.line(`      ],`)
	b.line(`      bindings = [`)
	for _, name := range slices.Sorted(maps.Keys(c.Worker.Vars)) {
		b.line(`        (name = %s, text = %s),`, quote(name), quote(c.Worker.Vars[name]))
	}
	if c.Worker.Assets != "" {
		b.line(`        (name = "ASSETS", service = %s),`, quote(serviceAssets))
	}
	if d := c.Worker.D1; d != nil {
		props := fmt.Sprintf(`{"MINIFLARE_NAMESPACE":%s}`, jsonString(d.ID))
		b.line(`        (name = %s, wrapped = (moduleName = "cloudflare-internal:d1-api", innerBindings = [`, quote(d.Binding))
		b.line(`          (name = "fetcher", service = (name = %s, props = (json = %s))),`, quote(serviceD1Entry), quote(props))
		b.line(`        ])),`)
	}
	b.line(`      ],`)
	b.line(`    )),`)
	if c.Worker.Assets != "" {
		b.line(`    (name = %s, disk = (path = %s, writable = false)),`, quote(serviceAssets), quote(abs(c.Worker.Assets)))
	}
	if d := c.Worker.D1; d != nil {
		b.d1Services(d)
	}
	b.line(`  ],`)
	b.line(`  sockets = [`)
	headers := ""
	if c.ClientIP != "" {
		headers = fmt.Sprintf(`injectRequestHeaders = [(name = "CF-Connecting-IP", value = %s)]`, quote(c.ClientIP))
	}
	b.line(`    (name = "http", address = %s, http = (%s), service = %s),`, quote(c.Address), headers, quote(serviceMain))
	if d := c.Worker.D1; d != nil && d.Admin != "" {
		b.line(`    (name = "d1-admin", address = %s, http = (), service = %s),`, quote(d.Admin), quote(serviceD1Entry))
	}
	b.line(`  ],`)
	if d := c.Worker.D1; d != nil {
		b.line(`  extensions = [(modules = [`)
		b.line(`    (name = "miniflare:shared", esModule = embed %s),`, b.embed(filepath.Join(d.Scripts, "shared", "index.worker.js")))
		b.line(`    (name = "miniflare:zod", esModule = embed %s),`, b.embed(filepath.Join(d.Scripts, "shared", "zod.worker.js")))
		b.line(`  ])],`)
	}
	b.line(`);`)
	_, err := io.WriteString(w, b.String())
	return err
}

// d1Services are miniflare's three services of a local D1: the entry
// worker the binding calls, the Durable Object that runs SQLite, and the
// disk it stores to.
func (b *builder) d1Services(d *D1) {
	b.line(`    (name = %s, worker = (`, quote(serviceD1Entry))
	b.line(`      compatibilityDate = %s,`, quote(d1Compat))
	b.line(`      compatibilityFlags = ["enhanced_error_serialization"],`)
	b.line(`      modules = [(name = "entry.worker.js", esModule = embed %s)],`, b.embed(filepath.Join(d.Scripts, "d1", "entry.worker.js")))
	b.line(`      bindings = [(name = "MINIFLARE_OBJECT", durableObjectNamespace = (className = %s, serviceName = %s))],`, quote(d1ObjectClass), quote(serviceD1DB))
	b.line(`    )),`)
	b.line(`    (name = %s, worker = (`, quote(serviceD1DB))
	b.line(`      compatibilityDate = %s,`, quote(d1Compat))
	b.line(`      compatibilityFlags = ["nodejs_compat", "experimental"],`)
	b.line(`      modules = [(name = "database.worker.js", esModule = embed %s)],`, b.embed(filepath.Join(d.Scripts, "d1", "database.worker.js")))
	b.line(`      durableObjectNamespaces = [(className = %s, uniqueKey = %s)],`, quote(d1ObjectClass), quote(d1UniqueKey))
	b.line(`      durableObjectStorage = (localDisk = %s),`, quote(serviceD1Disk))
	b.line(`      bindings = [(name = "MINIFLARE_BLOBS", service = %s)],`, quote(serviceD1Disk))
	b.line(`    )),`)
	b.line(`    (name = %s, disk = (path = %s, writable = true)),`, quote(serviceD1Disk), quote(abs(d.Dir)))
}

func (c *Config) check() error {
	w := &c.Worker
	switch {
	case c.Address == "":
		return fmt.Errorf("%w: no address", ErrConfig)
	case w.CompatibilityDate == "":
		return fmt.Errorf("%w: no compatibility date", ErrConfig)
	case len(w.Modules) == 0:
		return fmt.Errorf("%w: no modules", ErrConfig)
	case w.Modules[0].Kind != ESModule:
		return fmt.Errorf("%w: the main module %s is not an ES module", ErrConfig, w.Modules[0].Name)
	}
	for _, m := range w.Modules {
		if m.Name == "" || m.Path == "" {
			return fmt.Errorf("%w: a module needs a name and a path", ErrConfig)
		}
	}
	if _, ok := w.Vars["ASSETS"]; ok && w.Assets != "" {
		return fmt.Errorf("%w: ASSETS is both a var and the assets binding", ErrConfig)
	}
	if d := w.D1; d != nil {
		if d.Binding == "" || d.ID == "" || d.Dir == "" || d.Scripts == "" {
			return fmt.Errorf("%w: D1 needs a binding, an id, a directory and miniflare's scripts", ErrConfig)
		}
		if _, ok := w.Vars[d.Binding]; ok || d.Binding == "ASSETS" && w.Assets != "" {
			return fmt.Errorf("%w: %s is bound twice", ErrConfig, d.Binding)
		}
	}
	return nil
}

// builder accumulates the text.
type builder struct {
	strings.Builder
	dir string
}

func (b *builder) line(format string, args ...any) {
	fmt.Fprintf(b, format, args...)
	b.WriteByte('\n')
}

// embed quotes path relative to the configuration's directory, as
// Cap'n Proto resolves an embed.
func (b *builder) embed(path string) string {
	if rel, err := filepath.Rel(abs(b.dir), abs(path)); err == nil {
		path = rel
	}
	return quote(filepath.ToSlash(path))
}

func abs(path string) string {
	if p, err := filepath.Abs(path); err == nil {
		return p
	}
	return path
}

// quote writes s as a Cap'n Proto text literal: the escapes of C, and
// every control byte as \xNN; other bytes, UTF-8 included, as they are.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}
