package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestGlueMJSIsGenerated fails when the op block of the committed glue.mjs
// is not what glue.go's Op constants give, or glue.mjs does not implement
// exactly the operations that glue.go names.
func TestGlueMJSIsGenerated(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "glue.go"))
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join("..", "glue.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(src, js)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(js, want) {
		t.Fatal("worker/glue/glue.mjs differs from what glue.go gives; run go generate ./worker/glue/...")
	}
	ops, err := operations(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) < 8 || ops[0].name != "D1Query" || ops[0].number != 1 || ops[0].comment == "" {
		t.Fatalf("operations of glue.go: %+v", ops)
	}
}

// TestGenerateRefuses checks that generate refuses the tables and glue
// files that cannot agree.
func TestGenerateRefuses(t *testing.T) {
	const goOK = "package glue\n\ntype Op int\n\nconst (\n\tOpA Op = 1 // a\n\tOpB Op = 2\n)\n"
	const jsOK = "x\n" + beginMarker + "\n" + endMarker + "\nconst ops = {\n  [op.A]: f,\n  [op.B]: g,\n};\n"
	out, err := generate([]byte(goOK), []byte(jsOK))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte("const op = {\n  A: 1, // a\n  B: 2,\n};\n"+endMarker)) {
		t.Fatalf("generated:\n%s", out)
	}
	again, err := generate([]byte(goOK), out)
	if err != nil || !bytes.Equal(again, out) {
		t.Fatalf("a second run changed the file (%v):\n%s", err, again)
	}
	for _, tc := range []struct{ name, goSrc, js string }{
		{"an op with no implementation", goOK + "const OpC Op = 3\n", jsOK},
		{"an op implemented twice", goOK, jsOK + "const more = { [op.A]: h };\n"},
		{"an op that glue.go does not name", goOK, jsOK + "call(op.C);\n"},
		{"two ops with one number", "package glue\n\ntype Op int\n\nconst (\n\tOpA Op = 1\n\tOpB Op = 1\n)\n", jsOK},
		{"an op numbered by iota", "package glue\n\ntype Op int\n\nconst (\n\tOpA Op = iota\n\tOpB\n)\n", jsOK},
		{"no op", "package glue\n", jsOK},
		{"no markers", goOK, "const ops = { [op.A]: f, [op.B]: g };\n"},
		{"markers in the wrong order", goOK, endMarker + "\n" + beginMarker + "\n[op.A]: f, [op.B]: g\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := generate([]byte(tc.goSrc), []byte(tc.js)); !errors.Is(err, ErrOps) {
				t.Fatalf("error %v, want ErrOps", err)
			}
		})
	}
}
