package wasmdata

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// module builds a module of a memory section and a data section from raw
// segment entries.
func module(entries ...[]byte) []byte {
	mem := []byte{1, 0, 1} // one memory, min 1 page
	data := appendU32(nil, uint32(len(entries)))
	for _, e := range entries {
		data = append(data, e...)
	}
	b := bytes.Clone(header)
	b = append(b, 5)
	b = appendU32(b, uint32(len(mem)))
	b = append(b, mem...)
	b = append(b, sectionData)
	b = appendU32(b, uint32(len(data)))
	return append(b, data...)
}

func active(offset int32, data string) []byte {
	b := []byte{0, opI32Const}
	b = appendS32(b, offset)
	b = append(b, opEnd)
	b = appendU32(b, uint32(len(data)))
	return append(b, data...)
}

// image is the memory an instance starts with, as the data section writes
// it (§4.5.4): its non-zero bytes by address.
func image(t *testing.T, m []byte) map[uint64]byte {
	t.Helper()
	sections, err := split(m[len(header):])
	if err != nil {
		t.Fatal(err)
	}
	mem := map[uint64]byte{}
	for _, s := range sections {
		if s.id != sectionData {
			continue
		}
		segs, err := readData(s.body)
		if err != nil {
			t.Fatal(err)
		}
		for _, seg := range segs {
			for i, c := range seg.Data {
				if c != 0 {
					mem[uint64(seg.Offset)+uint64(i)] = c
				}
			}
		}
	}
	return mem
}

func TestMergeJoinsNeighbours(t *testing.T) {
	in := module(active(16, "ab"), active(20, "cd"), active(100, "ef"), active(200, "gh"))
	out, st, err := Merge(in, 8)
	if err != nil {
		t.Fatal(err)
	}
	if st.Before != 4 || st.After != 3 || st.Zeros != 2 {
		t.Errorf("stats %+v, want 4 → 3 segments and 2 zeros", st)
	}
	if !maps.Equal(image(t, in), image(t, out)) {
		t.Error("the merged module starts with another memory")
	}
	shuffled := module(active(200, "gh"), active(20, "cd"), active(16, "ab"), active(100, "ef"))
	if out2, _, err := Merge(shuffled, 8); err != nil || !bytes.Equal(out2, out) {
		t.Errorf("segments out of address order merged otherwise: %v", err)
	}
	all, st, err := Merge(in, 1<<20)
	if err != nil || st.After != 1 || st.Zeros != 2+78+98 {
		t.Errorf("one segment wanted: %+v, %v", st, err)
	}
	if !maps.Equal(image(t, in), image(t, all)) {
		t.Error("the module merged into one segment starts with another memory")
	}
}

func TestMergeKeepsFunctionImports(t *testing.T) {
	// One import of a function of type 0, as Go's "gojs" imports are.
	in := append(append(bytes.Clone(header), sectionImport, 8, 1, 1, 'e', 2, 'f', 'n', 0, 0), module(active(0, "a"), active(2, "b"))[len(header):]...)
	if _, st, err := Merge(in, 8); err != nil || st.After != 1 {
		t.Errorf("a module importing a function: %+v, %v", st, err)
	}
}

func TestMergeKeepsOtherSections(t *testing.T) {
	in := module(active(0, "x"), active(1, "y"))
	in = append(in, 0, 3, 1, 'n', 7) // a custom section after the data
	out, _, err := Merge(in, 8)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(out, []byte{0, 3, 1, 'n', 7}) || !bytes.HasPrefix(out, in[:len(header)+5]) {
		t.Errorf("the other sections changed: % x", out)
	}
}

func TestMergeRefuses(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"not wasm", []byte("\x7fELF"), ErrNotWasm},
		{"section too long", append(bytes.Clone(header), 1, 9, 0), ErrMalformed},
		{"segment too long", module([]byte{0, opI32Const, 0, opEnd, 5, 'a'}), ErrMalformed},
		{"passive", module([]byte{1, 1, 'a'}), ErrUnsupported},
		{"global offset", module([]byte{0, 0x23, 0, opEnd, 1, 'a'}), ErrUnsupported},
		{"overlap", module(active(0, "abc"), active(2, "d")), ErrUnsupported},
		{"overlap out of order", module(active(2, "d"), active(0, "abc")), ErrUnsupported},
		{"count beyond the section", append(bytes.Clone(header), sectionData, 1, 5), ErrMalformed},
		{"data count", append(append(bytes.Clone(header), sectionDataCount, 1, 1), module(active(0, "a"))[len(header):]...), ErrUnsupported},
		{"imported memory", append(append(bytes.Clone(header), sectionImport, 10, 1, 1, 'e', 3, 'm', 'e', 'm', 2, 0, 1), module(active(0, "a"))[len(header):]...), ErrUnsupported},
		{"bad import", append(append(bytes.Clone(header), sectionImport, 4, 1, 0, 0, 9), module(active(0, "a"))[len(header):]...), ErrMalformed},
	}
	for _, c := range cases {
		if _, _, err := Merge(c.in, 8); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
}

func TestLEB128RoundTrip(t *testing.T) {
	for _, v := range []int32{0, 1, 63, 64, -1, -64, -65, 1 << 20, -1 << 31, 1<<31 - 1} {
		r := reader{b: appendS32(nil, v)}
		if got := r.s32(); got != v || r.err != nil || r.more() {
			t.Errorf("s32 %d: got %d, %v", v, got, r.err)
		}
	}
	for _, v := range []uint32{0, 127, 128, 1 << 28, 1<<32 - 1} {
		r := reader{b: appendU32(nil, v)}
		if got := r.u32(); got != v || r.err != nil || r.more() {
			t.Errorf("u32 %d: got %d, %v", v, got, r.err)
		}
	}
	r := reader{b: []byte{0xff, 0xff, 0xff, 0xff, 0x7f}} // 35 bits
	if r.u32(); r.err == nil {
		t.Error("a u32 over 32 bits was read")
	}
}

// FuzzMerge: Merge never panics, and what it returns is a module whose
// memory starts as the input's did.
func FuzzMerge(f *testing.F) {
	f.Add(module(active(16, "ab"), active(20, "cd"), active(100, "ef")), 8)
	f.Add(module(active(0, "abc"), active(2, "d")), 64)
	f.Add([]byte("\x00asm\x01\x00\x00\x00"), 0)
	f.Fuzz(func(t *testing.T, in []byte, gap int) {
		gap &= 0xff // bounds the zeros a small input can ask for
		out, st, err := Merge(in, gap)
		if err != nil {
			return
		}
		if st.After > st.Before {
			t.Fatalf("more segments after: %+v", st)
		}
		if _, _, err := Merge(out, gap); err != nil {
			t.Fatalf("the output does not read back: %v", err)
		}
		a, b := image(t, in), image(t, out)
		if !maps.Equal(a, b) {
			t.Fatal("the merged module starts with another memory")
		}
	})
}

func TestMergeFileRewritesInPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.wasm")
	in := module(active(16, "ab"), active(20, "cd"))
	if err := os.WriteFile(path, in, 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := MergeFile(path, 8)
	if err != nil || st.After != 1 || st.BytesBefore != len(in) {
		t.Fatalf("%+v, %v", st, err)
	}
	got, _ := os.ReadFile(path)
	want, _, _ := Merge(in, 8)
	if !bytes.Equal(got, want) || st.BytesAfter != len(want) {
		t.Error("the file does not hold what Merge returns")
	}
	if err := os.WriteFile(path, []byte("not wasm"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := MergeFile(path, 8); !errors.Is(err, ErrNotWasm) || !strings.Contains(err.Error(), path) {
		t.Errorf("a file that is not a module: %v", err)
	}
}
