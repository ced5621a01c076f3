// Package sitemin makes the static site's scripts and style sheets
// smaller before they are served: comments and layout whitespace go, and
// names local to a function are shortened (github.com/tdewolff/minify).
// The style sheets and web/loader.js are render-blocking, so every byte
// of them is on the path to the page's first paint; go-app's app.js,
// wasm_exec.js and the workers' scripts are read before any tool is live.
// Names declared at a script's top level are globals that other scripts
// and app.wasm call (goappGetenv, goappKeepBodyClean), and stay as they
// are.
package sitemin

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// ErrMinify is returned for a script or style sheet that the minifier
// cannot parse: the site is not written with a file the browser might
// not run either.
var ErrMinify = errors.New("sitemin: cannot minify")

// mediaTypes maps the extensions of the files minified to their media
// types; every other file is left as it is.
var mediaTypes = map[string]string{
	".js":  "text/javascript",
	".mjs": "text/javascript",
	".css": "text/css",
}

var minifier = func() *minify.M {
	m := minify.New()
	m.Add("text/javascript", &js.Minifier{})
	m.Add("text/css", &css.Minifier{})
	return m
}()

// Minifies reports whether File changes a file of that name.
func Minifies(name string) bool {
	_, ok := mediaTypes[filepath.Ext(name)]
	return ok
}

// File returns data, the content of the file called name, minified if its
// extension is that of a script or a style sheet, and unchanged otherwise.
func File(name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[filepath.Ext(name)]
	if !ok {
		return data, nil
	}
	var out bytes.Buffer
	if err := minifier.Minify(mt, &out, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMinify, name, err)
	}
	return out.Bytes(), nil
}

// Stats say what Dir did.
type Stats struct {
	Files                   int
	BytesBefore, BytesAfter int64
}

// Dir minifies, in place, every script and style sheet under dir. Only
// regular files are rewritten: a symbolic link, and the file it names,
// are left as they are.
func Dir(dir string) (Stats, error) {
	var st Stats
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || !Minifies(path) {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		small, err := File(path, data)
		if err != nil {
			return err
		}
		st.Files++
		st.BytesBefore += int64(len(data))
		st.BytesAfter += int64(len(small))
		return os.WriteFile(path, small, 0o644)
	})
	return st, err
}
