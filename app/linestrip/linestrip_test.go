package linestrip

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/wasmdata"
)

// program allocates linked lists from deep recursion while the garbage
// collector runs, which needs every stack map and stack-pointer table
// intact, then reports where it is and panics.
const program = `package main

import (
	"fmt"
	"runtime"
	"strings"
)

type node struct {
	next *node
	s    string
}

//go:noinline
func deep(n int, acc *node) *node {
	if n == 0 {
		runtime.GC()
		return acc
	}
	return deep(n-1, &node{acc, strings.Repeat("x", n%7)})
}

func main() {
	total := 0
	for i := 0; i < 100; i++ {
		for n := deep(300, nil); n != nil; n = n.next {
			total += len(n.s)
		}
	}
	_, file, line, _ := runtime.Caller(0)
	fmt.Printf("total %d, at %s:%d\n", total, file, line)
	var m map[string]int
	m["boom"]++
}
`

// build compiles program for js/wasm as the Makefile builds the site's
// modules.
func build(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "prog.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, src)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GO111MODULE=off")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return out
}

// run runs a js/wasm module under Node with Go's own launcher.
func run(t *testing.T, module string) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node is not installed: the stripped module cannot be run (%v)", err)
	}
	launcher := filepath.Join(runtime.GOROOT(), "lib", "wasm", "go_js_wasm_exec")
	out, _ := exec.Command(launcher, module).CombinedOutput() // the program panics on purpose
	return string(out)
}

// TestStrippedProgramRunsTheSame strips a real Go js/wasm build and runs
// both under Node: the same result, the collector's work included, and a
// traceback that still names the function but no longer its file and line.
func TestStrippedProgramRunsTheSame(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a js/wasm program")
	}
	orig := build(t)
	stripped := filepath.Join(t.TempDir(), "stripped.wasm")
	in, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	kept := bytes.Clone(in)
	out, st, err := Strip(in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(in, kept) {
		t.Fatal("Strip changed the module it was given")
	}
	if err := os.WriteFile(stripped, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if st.Funcs < 500 || st.LineTables < st.Funcs/2 || st.Zeroed < st.PCTab/3 || st.FileNames < 1000 {
		t.Fatalf("%+v: fewer functions or line tables than a Go program has", st)
	}
	before, after := run(t, orig), run(t, stripped)
	total := regexp.MustCompile(`total (\d+), at (\S+)`)
	b, a := total.FindStringSubmatch(before), total.FindStringSubmatch(after)
	if b == nil || a == nil || b[1] != a[1] || b[1] == "0" {
		t.Fatalf("the programs disagree:\n%s\n---\n%s", before, after)
	}
	line := 1 + strings.Count(program[:strings.Index(program, "runtime.Caller(0)")], "\n")
	if want := fmt.Sprintf("main.go:%d", line); !strings.HasSuffix(b[2], want) || a[2] != "?:0" {
		t.Fatalf("runtime.Caller said %s before and %s after; want %s, then ?:0", b[2], a[2], want)
	}
	for _, want := range []string{"panic: assignment to entry in nil map", "main.main()"} {
		if !strings.Contains(after, want) {
			t.Fatalf("the stripped program's panic lacks %q:\n%s", want, after)
		}
	}
	if strings.Contains(after, "main.go:") {
		t.Fatalf("the stripped program still knows its lines:\n%s", after)
	}
	// A file name that no string of the program holds: only filetab.
	const file = "runtime/mheap.go\x00"
	if before, after := holds(t, in, file), holds(t, out, file); !before || after {
		t.Fatalf("%q in the module's data: %v, after Strip: %v; want true, then false", file, before, after)
	}
	t.Logf("%+v; %d → %d bytes", st, len(in), len(out))
}

// holds reports whether the memory that module's data segments write
// holds s.
func holds(t *testing.T, module []byte, s string) (found bool) {
	t.Helper()
	_, err := wasmdata.Rewrite(module, func(segs []wasmdata.Segment) ([]wasmdata.Segment, error) {
		found = bytes.Contains(newImage(segs).b, []byte(s))
		return segs, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestStripRefuses covers modules that hold no table Strip can trust.
func TestStripRefuses(t *testing.T) {
	mod := func(data []byte) []byte {
		b, err := wasmdata.Rewrite(emptyModule(), func([]wasmdata.Segment) ([]wasmdata.Segment, error) {
			return []wasmdata.Segment{{Offset: 4096, Data: data}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	header := func(nfunc uint64, offs ...uint64) []byte {
		h := bytes.Clone(magic)
		for _, w := range append([]uint64{nfunc, 0, 0}, offs...) {
			h = binary.LittleEndian.AppendUint64(h, w)
		}
		return append(h, make([]byte, 256)...)
	}
	for _, c := range []struct {
		name   string
		module []byte
		want   error
	}{
		{"not wasm", []byte("\x7fELF"), wasmdata.ErrNotWasm},
		{"no data", emptyModule(), ErrNoTable},
		{"no table", mod([]byte("just some bytes")), ErrNoTable},
		{"no functions", mod(header(0, 72, 80, 88, 96, 104)), ErrLayout},
		{"offsets out of order", mod(header(1, 72, 200, 88, 96, 104)), ErrLayout},
		{"record disagrees with the table", mod(disagreeing(header(1, 72, 80, 88, 96, 104))), ErrLayout},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, _, err := Strip(c.module); !errors.Is(err, c.want) {
				t.Fatalf("Strip: %v, want %v", err, c.want)
			}
		})
	}
}

// disagreeing writes, into a header whose function table is at 104, a
// table entry for a function at 5 whose record says it starts at 7.
func disagreeing(h []byte) []byte {
	binary.LittleEndian.PutUint32(h[104:], 5)  // entryoff
	binary.LittleEndian.PutUint32(h[108:], 24) // funcoff: the record at 128
	binary.LittleEndian.PutUint32(h[128:], 7)  // the record's entryOff
	return h
}

// emptyModule is a module of one memory and an empty data section.
func emptyModule() []byte {
	return []byte{0, 'a', 's', 'm', 1, 0, 0, 0, 5, 3, 1, 0, 1, 11, 1, 0}
}

// FuzzStrip feeds Strip arbitrary data segments: it returns a module or
// an error, and never panics or reads out of the data.
func FuzzStrip(f *testing.F) {
	h := bytes.Clone(magic)
	for _, w := range []uint64{1, 0, 0, 72, 80, 88, 96, 104} {
		h = binary.LittleEndian.AppendUint64(h, w)
	}
	f.Add(append(h, make([]byte, 128)...))
	f.Add([]byte("no table here"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := wasmdata.Rewrite(emptyModule(), func([]wasmdata.Segment) ([]wasmdata.Segment, error) {
			return []wasmdata.Segment{{Offset: 0, Data: data}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		out, _, err := Strip(m)
		if err == nil && len(out) != len(m) {
			t.Fatalf("stripping changed the module's size: %d → %d", len(m), len(out))
		}
	})
}
