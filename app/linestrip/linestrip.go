// Package linestrip removes the file and line tables from the data of a
// Go js/wasm module, which the program needs only to print where a panic
// happened.
//
// Go's linker writes a table of functions into every program (the
// "pclntab", described in "Go 1.2 Runtime Symbol Information",
// golang.org/s/go12symtab, and in the runtime's symtab.go). For each
// function it points into a shared byte table, pctab, at several
// pc-value tables: the stack pointer's offset (pcsp) and the pcdata tables
// (stack maps, unsafe points, inlining), which the garbage collector and
// the scheduler need, and the source file (pcfile) and line (pcln) of
// each instruction, which only tracebacks, runtime.Caller and
// runtime.CallersFrames read. Those two are most of pctab, and pctab is a
// large part of a small module's compressed size.
//
// Strip sets each function's pcfile and pcln to 0, which the runtime
// reads as "no table" (file "?", line 0), and writes zeros over every byte
// of pctab that no other table uses and over the file names (filetab and
// its index, cutab), which only the file tables lead to, so that a
// compressor sends almost nothing for them. Function names, stack maps
// and everything else stay.
// The layout it rewrites is the runtime's own and changes between Go
// releases: Strip checks that every function record agrees with the
// function table and that every table it reads decodes inside pctab, and
// refuses a module where they do not.
package linestrip

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/authlab/authlab/app/wasmdata"
)

// Sentinel errors, wrapped with what was found.
var (
	// ErrNoTable: the module's data holds no function table of the layout
	// this package knows (Go 1.20's magic number, wasm's pointer size and
	// instruction quantum).
	ErrNoTable = errors.New("no Go function table of a known layout")
	// ErrLayout: a function table was found but its records do not agree
	// with each other, as they would if the runtime's layout had changed.
	ErrLayout = errors.New("the Go function table is not laid out as expected")
)

// Stats says what Strip did.
type Stats struct {
	Funcs      int // function records rewritten
	PCTab      int // bytes of pctab
	Zeroed     int // bytes of pctab that were not zero and now are
	LineTables int // distinct file and line tables dropped
	FileNames  int // bytes of file names and their index that were not zero and now are
}

// Strip returns module with its file and line tables removed, as the
// package comment describes.
func Strip(module []byte) ([]byte, Stats, error) {
	var st Stats
	out, err := wasmdata.Rewrite(module, func(segs []wasmdata.Segment) ([]wasmdata.Segment, error) {
		img := newImage(segs)
		t, err := findTable(img)
		if err != nil {
			return nil, err
		}
		if st, err = t.strip(); err != nil {
			return nil, err
		}
		img.writeBack(segs)
		return segs, nil
	})
	if err != nil {
		return nil, Stats{}, err
	}
	if st.Funcs == 0 {
		return nil, Stats{}, fmt.Errorf("%w: the module has no data", ErrNoTable)
	}
	return out, st, nil
}

// StripFile strips the module in the file at path, as Strip does, and
// writes it back in place.
func StripFile(path string) (Stats, error) {
	return wasmdata.RewriteFile(path, Strip)
}

// image is the initial memory the segments write, from the first
// segment's address to the end of the last, gaps as zeros.
type image struct {
	base uint32
	b    []byte
}

func newImage(segs []wasmdata.Segment) *image {
	if len(segs) == 0 {
		return &image{}
	}
	last := segs[len(segs)-1]
	img := &image{base: segs[0].Offset, b: make([]byte, int(last.Offset-segs[0].Offset)+len(last.Data))}
	for _, s := range segs {
		copy(img.b[s.Offset-img.base:], s.Data)
	}
	return img
}

// writeBack points the segments at the image's bytes, so that the
// module Strip was given stays as it was. Strip only writes zeros, so
// bytes in the gaps between segments, which are zero, stay so.
func (img *image) writeBack(segs []wasmdata.Segment) {
	for i, s := range segs {
		at := s.Offset - img.base
		segs[i].Data = img.b[at : at+uint32(len(s.Data)) : at+uint32(len(s.Data))]
	}
}

// pcHeader's magic number, as Go 1.20 and later write it (runtime.pcHeader,
// abi.Go120PcLnTabMagic), then two zero pads, the instruction quantum (1 on
// wasm) and the pointer size (8).
var magic = []byte{0xf1, 0xff, 0xff, 0xff, 0, 0, 1, 8}

// findTable looks for the one pcHeader in the image whose offsets and
// function table are consistent; where none is, the first candidate's
// error says why.
func findTable(img *image) (*table, error) {
	var found *table
	var firstErr error
	for at := 0; at <= len(img.b); at++ {
		k := bytes.Index(img.b[at:], magic)
		if k < 0 {
			break
		}
		at += k
		t, err := readHeader(img.b, at)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("%w: two function tables, at %#x and %#x", ErrLayout, found.at+int(img.base), at+int(img.base))
		}
		found = t
	}
	if found != nil {
		return found, nil
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, ErrNoTable
}
