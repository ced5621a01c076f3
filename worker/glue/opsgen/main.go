// Command opsgen names the glue's operations once: it reads the Op
// constants of worker/glue/glue.go, the Go half of the glue, and writes
// them as the JavaScript object op into worker/glue/glue.mjs, between the
// lines that begin with beginMarker and endMarker, so that glue.mjs calls
// every operation by its Go name. Run it with
//
//	go generate ./worker/glue/...
//
// Its test fails when the committed glue.mjs differs from what it writes.
package main

//go:generate go run .

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

const (
	beginMarker = "// BEGIN op"
	endMarker   = "// END op"
)

// ErrOps reports a glue.go or glue.mjs that opsgen cannot use.
var ErrOps = errors.New("opsgen")

// operation is one Op constant of glue.go.
type operation struct {
	name    string // without the Op prefix: D1Query for OpD1Query
	number  int
	comment string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("opsgen: ")
	dir := ".."
	src, err := os.ReadFile(filepath.Join(dir, "glue.go"))
	if err != nil {
		log.Fatal(err)
	}
	path := filepath.Join(dir, "glue.mjs")
	js, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	out, err := generate(src, js)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		log.Fatal(err)
	}
}

// generate returns js, the text of glue.mjs, with the block between the
// markers rewritten from the Op constants of src, the text of glue.go. It
// fails when glue.mjs does not implement every operation once, keyed
// [op.Name] in its ops, or uses an op that glue.go does not name.
func generate(src, js []byte) ([]byte, error) {
	ops, err := operations(src)
	if err != nil {
		return nil, err
	}
	begin := bytes.Index(js, []byte(beginMarker))
	end := bytes.Index(js, []byte(endMarker))
	if begin < 0 || end < begin {
		return nil, fmt.Errorf("%w: glue.mjs lacks the lines %q and %q", ErrOps, beginMarker, endMarker)
	}
	var block bytes.Buffer
	block.WriteString(beginMarker + ": written from glue.go by go generate ./worker/glue/...; do not edit.\nconst op = {\n")
	for _, o := range ops {
		fmt.Fprintf(&block, "  %s: %d,", o.name, o.number)
		if o.comment != "" {
			block.WriteString(" // " + o.comment)
		}
		block.WriteString("\n")
	}
	block.WriteString("};\n")
	outside := append(append([]byte(nil), js[:begin]...), js[end:]...)
	if err := implemented(ops, outside); err != nil {
		return nil, err
	}
	return append(append(append([]byte(nil), js[:begin]...), block.Bytes()...), js[end:]...), nil
}

// opUse is a use of an operation's name in glue.mjs.
var opUse = regexp.MustCompile(`\bop\.(\w+)`)

// implemented checks that js, glue.mjs without its op block, implements
// every operation once and uses no other.
func implemented(ops []operation, js []byte) error {
	known := map[string]bool{}
	for _, o := range ops {
		known[o.name] = true
		if n := bytes.Count(js, []byte("[op."+o.name+"]:")); n != 1 {
			return fmt.Errorf("%w: glue.mjs implements op.%s %d times, want once", ErrOps, o.name, n)
		}
	}
	for _, m := range opUse.FindAllSubmatch(js, -1) {
		if !known[string(m[1])] {
			return fmt.Errorf("%w: glue.mjs uses op.%s, which glue.go does not name", ErrOps, m[1])
		}
	}
	return nil
}

// operations returns the constants of type Op declared in src, in order,
// each with its number, a decimal literal, and its line comment.
func operations(src []byte) ([]operation, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "glue.go", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var ops []operation
	seen := map[int]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if t, ok := v.Type.(*ast.Ident); !ok || t.Name != "Op" {
				continue
			}
			if len(v.Names) != 1 || len(v.Values) != 1 {
				return nil, fmt.Errorf("%w: declare one Op per line, with its number", ErrOps)
			}
			name := v.Names[0].Name
			lit, ok := v.Values[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.INT || !strings.HasPrefix(name, "Op") {
				return nil, fmt.Errorf("%w: %s: an Op is named Op… and numbered with a literal", ErrOps, name)
			}
			n, err := strconv.Atoi(lit.Value)
			if err != nil {
				return nil, fmt.Errorf("%w: %s: %v", ErrOps, name, err)
			}
			if other, dup := seen[n]; dup {
				return nil, fmt.Errorf("%w: %s and %s are both %d", ErrOps, other, name, n)
			}
			seen[n] = name
			o := operation{name: strings.TrimPrefix(name, "Op"), number: n}
			if v.Comment != nil {
				o.comment = strings.TrimSpace(v.Comment.Text())
			}
			ops = append(ops, o)
		}
	}
	if len(ops) == 0 {
		return nil, fmt.Errorf("%w: glue.go declares no Op", ErrOps)
	}
	return ops, nil
}
