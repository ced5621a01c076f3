package linestrip

import (
	"encoding/binary"
	"fmt"
)

// table is a pcHeader found in an image, and the regions it points at
// (runtime/symtab.go: pcHeader, functab, _func).
type table struct {
	img   []byte
	at    int // the pcHeader's index in img
	nfunc int
	files []byte // img's bytes of cutab and filetab, the file names
	pctab []byte // img's bytes from the pctab to the function table
	pcln  int    // index in img of the function table (runtime.functab entries)
}

// The pcHeader's size on a 64-bit target: the magic, pads and sizes (8
// bytes), then eight 8-byte words: nfunc, nfiles, an unused word, and the
// offsets of funcnametab, cutab, filetab, pctab and the function table.
const headerSize = 8 + 8*8

// funcSize is the fixed part of a _func record: ten 4-byte fields, then
// funcID, flag, a pad byte and nfuncdata, followed by npcdata and
// nfuncdata 4-byte offsets.
const funcSize = 44

// Field offsets within a _func record.
const (
	fEntryOff  = 0
	fPCSP      = 16
	fPCFile    = 20
	fPCLn      = 24
	fNPCData   = 28
	fNFuncData = 43
)

func readHeader(img []byte, at int) (*table, error) {
	if at+headerSize > len(img) {
		return nil, fmt.Errorf("%w: a header cut short at the end of the data", ErrLayout)
	}
	word := func(i int) uint64 { return binary.LittleEndian.Uint64(img[at+8+8*i:]) }
	nfunc := word(0)
	offs := []uint64{word(3), word(4), word(5), word(6), word(7)} // funcname, cu, file, pctab, pcln
	rest := uint64(len(img) - at)
	if nfunc == 0 || nfunc > 1<<22 {
		return nil, fmt.Errorf("%w: %d functions", ErrLayout, nfunc)
	}
	for i, o := range offs {
		if o < headerSize || o >= rest || (i > 0 && o < offs[i-1]) {
			return nil, fmt.Errorf("%w: the header's offsets %v are out of order or out of the data", ErrLayout, offs)
		}
	}
	t := &table{img: img, at: at, nfunc: int(nfunc), files: img[at+int(offs[1]) : at+int(offs[3])],
		pctab: img[at+int(offs[3]) : at+int(offs[4])], pcln: at + int(offs[4])}
	if t.pcln+8*(t.nfunc+1) > len(img) {
		return nil, fmt.Errorf("%w: %d functions do not fit in the data", ErrLayout, nfunc)
	}
	return t, nil
}

func (t *table) u32(i int) uint32 { return binary.LittleEndian.Uint32(t.img[i:]) }

// funcAt returns the index in img of function k's _func record, checked
// against the function table.
func (t *table) funcAt(k int) (int, error) {
	entry, off := t.u32(t.pcln+8*k), t.u32(t.pcln+8*k+4)
	f := t.pcln + int(off)
	if f+funcSize > len(t.img) {
		return 0, fmt.Errorf("%w: function %d's record is out of the data", ErrLayout, k)
	}
	if k > 0 && entry < t.u32(t.pcln+8*(k-1)) {
		return 0, fmt.Errorf("%w: the function table is not sorted at %d", ErrLayout, k)
	}
	if got := t.u32(f + fEntryOff); got != entry {
		return 0, fmt.Errorf("%w: function %d's record starts at %#x, the table says %#x", ErrLayout, k, got, entry)
	}
	n := int(t.u32(f+fNPCData)) + int(t.img[f+fNFuncData])
	if t.u32(f+fNPCData) > 64 || f+funcSize+4*n > len(t.img) {
		return 0, fmt.Errorf("%w: function %d has %d pcdata tables", ErrLayout, k, t.u32(f+fNPCData))
	}
	return f, nil
}

// tableLen is the length of the pc-value table at off in pctab: pairs of
// a zig-zag value delta and a pc delta, both varints, ended by a value
// delta of 0 after the first pair (runtime.step).
func (t *table) tableLen(off uint32) (int, error) {
	p := t.pctab
	i := int(off)
	for first := true; ; first = false {
		if i >= len(p) {
			return 0, fmt.Errorf("%w: the pc-value table at %d runs past pctab", ErrLayout, off)
		}
		if p[i] == 0 && !first {
			return i + 1 - int(off), nil
		}
		for range 2 { // the value delta, then the pc delta
			_, n := binary.Uvarint(p[i:])
			if n <= 0 {
				return 0, fmt.Errorf("%w: a bad varint in the pc-value table at %d", ErrLayout, off)
			}
			i += n
		}
	}
}

// strip drops every function's file and line tables, zeroes the pctab
// bytes no remaining table uses, and zeroes the file names (cutab and
// filetab), which only a function's file table leads to
// (runtime.funcline1).
func (t *table) strip() (Stats, error) {
	keep := make([]bool, len(t.pctab))
	if len(keep) > 0 {
		keep[0] = true // offset 0 means "no table"
	}
	mark := func(off uint32) error {
		if off == 0 {
			return nil
		}
		n, err := t.tableLen(off)
		for i := range n {
			keep[int(off)+i] = true
		}
		return err
	}
	lines := map[uint32]bool{}
	funcs := make([]int, t.nfunc)
	for k := range t.nfunc {
		f, err := t.funcAt(k)
		if err != nil {
			return Stats{}, err
		}
		funcs[k] = f
		if err := mark(t.u32(f + fPCSP)); err != nil {
			return Stats{}, err
		}
		for j := range int(t.u32(f + fNPCData)) {
			if err := mark(t.u32(f + funcSize + 4*j)); err != nil {
				return Stats{}, err
			}
		}
		for _, field := range []int{fPCFile, fPCLn} {
			off := t.u32(f + field)
			if off == 0 {
				continue
			}
			if _, err := t.tableLen(off); err != nil {
				return Stats{}, err
			}
			lines[off] = true
		}
	}
	st := Stats{Funcs: t.nfunc, PCTab: len(t.pctab)}
	for off := range lines {
		if !keep[off] {
			st.LineTables++
		}
	}
	for _, f := range funcs {
		clear(t.img[f+fPCFile : f+fPCLn+4])
	}
	for i, k := range keep {
		if !k && t.pctab[i] != 0 {
			t.pctab[i] = 0
			st.Zeroed++
		}
	}
	for i, b := range t.files {
		if b != 0 {
			t.files[i] = 0
			st.FileNames++
		}
	}
	return st, nil
}
