package wasmdata

import "fmt"

// importsMemory reports whether an import section (§5.5.5) imports a
// memory. Each import is a module name, a name and a description: a
// function's type index (0), a table's reference type and limits (1), a
// memory's limits (2) or a global's value type and mutability (3).
func importsMemory(body []byte) (bool, error) {
	r := reader{b: body}
	n := r.u32()
	mem := false
	for k := uint32(0); k < n && r.err == nil; k++ {
		r.take(int(r.u32())) // module
		r.take(int(r.u32())) // name
		switch kind := r.byte(); kind {
		case 0:
			r.u32()
		case 1:
			r.byte()
			limits(&r)
		case 2:
			mem = true
			limits(&r)
		case 3:
			r.take(2)
		default:
			if r.err == nil {
				return false, fmt.Errorf("%w: import %d is of kind %#x", ErrMalformed, k, kind)
			}
		}
	}
	if r.err != nil || r.more() {
		return false, fmt.Errorf("%w: import section", ErrMalformed)
	}
	return mem, nil
}

// limits reads a table's or a memory's limits (§5.3.7): a flag, a minimum
// and, with flag 1, a maximum.
func limits(r *reader) {
	if r.byte() == 1 {
		r.u32()
	}
	r.u32()
}
