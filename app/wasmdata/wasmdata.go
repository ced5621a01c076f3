// Package wasmdata rewrites the data section of a WebAssembly module so
// that its initial memory is written by a few large segments instead of
// many small ones.
//
// Go's linker writes a js/wasm module's initialised data as up to 100,000
// active data segments, split at runs of zero bytes (WebAssembly Core
// Specification 2.0, §5.5.14 "Data Section"). Each segment costs the
// engine a step at every instantiation (§4.5.4 "Instantiation": a
// memory.init and a data.drop per segment), and its header (an offset
// expression and a size) interrupts the bytes a compressor sees. Merge
// joins neighbouring segments, writing the zeros between them explicitly:
// the memory an instance starts with is byte for byte the same.
package wasmdata

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
)

// Sentinel errors. Merge wraps them with the place where the module is
// not what it expects.
var (
	// ErrNotWasm: the bytes do not start with the binary format's magic
	// and version 1 (§5.5.16 "Modules").
	ErrNotWasm = errors.New("not a WebAssembly binary module, version 1")
	// ErrMalformed: a section, a LEB128 number or a segment runs past its
	// end (§5.5.2 "Sections", §5.2.2 "Integers").
	ErrMalformed = errors.New("malformed WebAssembly module")
	// ErrUnsupported: a module whose data Merge does not rewrite: a data
	// segment that is passive, for a memory other than 0, or placed by an
	// expression other than a single i32.const (§5.5.14); segments that
	// overlap; a data count section (§5.5.15), which lets code name
	// segments by index; or an imported memory (§5.5.5), whose bytes the
	// zeros between segments would overwrite.
	ErrUnsupported = errors.New("data segments that cannot be merged")
)

const (
	sectionImport    = 2
	sectionData      = 11
	sectionDataCount = 12
	opI32Const       = 0x41
	opEnd            = 0x0b
)

var header = []byte{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00}

// DefaultGap is the largest run of zeros Merge writes by default: a page
// of 4 KiB, which joins all but a few of Go's segments. The zeros cost a
// compressor almost nothing.
const DefaultGap = 4096

// Stats says what Merge did.
type Stats struct {
	Before, After           int // data segments
	Zeros                   int // zero bytes now written explicitly
	BytesBefore, BytesAfter int // the module's size
}

// Segment is an active data segment of memory 0: the bytes an
// instantiation writes at Offset.
type Segment struct {
	Offset uint32
	Data   []byte
}

// Merge returns module with each run of data segments whose gaps are at
// most maxGap bytes joined into one segment. Every other section is copied
// unchanged. A module without a data section is returned as it is.
func Merge(module []byte, maxGap int) ([]byte, Stats, error) {
	var st Stats
	out, err := Rewrite(module, func(segs []Segment) ([]Segment, error) {
		merged, zeros := join(segs, maxGap)
		st.Before, st.After, st.Zeros = len(segs), len(merged), zeros
		return merged, nil
	})
	if err != nil {
		return nil, Stats{}, err
	}
	st.BytesBefore, st.BytesAfter = len(module), len(out)
	return out, st, nil
}

// Rewrite returns module with its data section replaced by the segments f
// makes of the module's own, which f receives sorted by address and not
// overlapping, and may change in place. Every other section is copied
// unchanged. A module without a data section is returned as it is, and f
// is not called.
func Rewrite(module []byte, f func([]Segment) ([]Segment, error)) ([]byte, error) {
	if !bytes.HasPrefix(module, header) {
		return nil, ErrNotWasm
	}
	sections, err := split(module[len(header):])
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(sections, func(s section) bool { return s.id == sectionData })
	if i < 0 {
		return module, nil
	}
	for _, s := range sections {
		if s.id == sectionDataCount {
			return nil, fmt.Errorf("%w: a data count section", ErrUnsupported)
		}
		if s.id == sectionImport {
			mem, err := importsMemory(s.body)
			if err != nil {
				return nil, err
			}
			if mem {
				return nil, fmt.Errorf("%w: an imported memory", ErrUnsupported)
			}
		}
	}
	segs, err := readData(sections[i].body)
	if err != nil {
		return nil, err
	}
	if segs, err = f(segs); err != nil {
		return nil, err
	}
	sections[i].body = writeData(segs)
	out := slices.Clone(header)
	for _, s := range sections {
		out = append(out, s.id)
		out = appendU32(out, uint32(len(s.body)))
		out = append(out, s.body...)
	}
	return out, nil
}

// MergeFile merges the data segments of the module in the file at path,
// as Merge does, and writes it back in place.
func MergeFile(path string, maxGap int) (Stats, error) {
	return RewriteFile(path, func(m []byte) ([]byte, Stats, error) { return Merge(m, maxGap) })
}

// RewriteFile replaces the module in the file at path with what f makes
// of it, and returns what f reports; on an error the file is left as it
// was.
func RewriteFile[S any](path string, f func([]byte) ([]byte, S, error)) (S, error) {
	var none S
	in, err := os.ReadFile(path)
	if err != nil {
		return none, err
	}
	out, st, err := f(in)
	if err != nil {
		return none, fmt.Errorf("%s: %w", path, err)
	}
	return st, os.WriteFile(path, out, 0o644)
}

// section is one section of a module (§5.5.2).
type section struct {
	id   byte
	body []byte
}

func split(b []byte) ([]section, error) {
	var out []section
	for r := (reader{b: b}); r.more(); {
		start := r.at
		id := r.byte()
		n := r.u32()
		body := r.take(int(n))
		if r.err != nil {
			return nil, fmt.Errorf("%w: section %d at byte %d", ErrMalformed, id, len(header)+start)
		}
		out = append(out, section{id, body})
	}
	return out, nil
}

// readData reads the active segments of memory 0 (§5.5.14: flag 0, an
// i32.const offset expression, then the bytes), sorted by address.
func readData(body []byte) ([]Segment, error) {
	r := reader{b: body}
	n := r.u32()
	if r.err == nil && uint64(n) > uint64(len(body)) {
		return nil, fmt.Errorf("%w: %d data segments in %d bytes", ErrMalformed, n, len(body))
	}
	segs := make([]Segment, 0, n)
	for k := uint32(0); k < n && r.err == nil; k++ {
		if flag := r.u32(); r.err == nil && flag != 0 {
			return nil, fmt.Errorf("%w: segment %d has flag %d", ErrUnsupported, k, flag)
		}
		if op := r.byte(); r.err == nil && op != opI32Const {
			return nil, fmt.Errorf("%w: segment %d is placed by opcode %#x", ErrUnsupported, k, op)
		}
		offset := r.s32()
		if end := r.byte(); r.err == nil && end != opEnd {
			return nil, fmt.Errorf("%w: segment %d's offset is more than one i32.const", ErrUnsupported, k)
		}
		data := r.take(int(r.u32()))
		segs = append(segs, Segment{uint32(offset), data})
	}
	if r.err != nil || r.more() {
		return nil, fmt.Errorf("%w: data section", ErrMalformed)
	}
	// Without overlaps, the order in which instantiation writes the
	// segments does not change the memory it leaves.
	slices.SortStableFunc(segs, func(a, b Segment) int { return cmp.Compare(a.Offset, b.Offset) })
	for k := 1; k < len(segs); k++ {
		if uint64(segs[k-1].Offset)+uint64(len(segs[k-1].Data)) > uint64(segs[k].Offset) {
			return nil, fmt.Errorf("%w: two segments overlap at %#x", ErrUnsupported, segs[k].Offset)
		}
	}
	return segs, nil
}

// join merges neighbours whose gap is at most maxGap, and counts the zeros
// it wrote into the gaps.
func join(segs []Segment, maxGap int) ([]Segment, int) {
	var out []Segment
	zeros := 0
	for _, s := range segs {
		if n := len(out); n > 0 {
			last := &out[n-1]
			gap := uint64(s.Offset) - uint64(last.Offset) - uint64(len(last.Data))
			if maxGap >= 0 && gap <= uint64(maxGap) {
				last.Data = append(last.Data, make([]byte, gap)...)
				last.Data = append(last.Data, s.Data...)
				zeros += int(gap)
				continue
			}
		}
		out = append(out, Segment{s.Offset, slices.Clone(s.Data)})
	}
	return out, zeros
}

func writeData(segs []Segment) []byte {
	b := appendU32(nil, uint32(len(segs)))
	for _, s := range segs {
		b = append(b, 0, opI32Const)
		b = appendS32(b, int32(s.Offset))
		b = append(b, opEnd)
		b = appendU32(b, uint32(len(s.Data)))
		b = append(b, s.Data...)
	}
	return b
}
