package wasmdata

// reader reads the binary format's bytes and LEB128 integers (§5.2.2),
// remembering the first overrun instead of failing at each call.
type reader struct {
	b   []byte
	at  int
	err error
}

func (r *reader) more() bool { return r.err == nil && r.at < len(r.b) }

func (r *reader) fail() { r.err, r.at = ErrMalformed, len(r.b) }

func (r *reader) byte() byte {
	if r.err != nil || r.at >= len(r.b) {
		r.fail()
		return 0
	}
	c := r.b[r.at]
	r.at++
	return c
}

func (r *reader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b)-r.at {
		r.fail()
		return nil
	}
	s := r.b[r.at : r.at+n]
	r.at += n
	return s
}

// u32 reads an unsigned LEB128 of at most five bytes whose value fits in
// 32 bits.
func (r *reader) u32() uint32 {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			if v > 0xffffffff {
				r.fail()
			}
			return uint32(v)
		}
	}
	r.fail()
	return 0
}

// s32 reads a signed LEB128 of at most five bytes whose value fits in 32
// bits.
func (r *reader) s32() int32 {
	var v int64
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= int64(c&0x7f) << shift
		if c < 0x80 {
			if c&0x40 != 0 {
				v -= 1 << (shift + 7)
			}
			if v < -1<<31 || v > 1<<31-1 {
				r.fail()
			}
			return int32(v)
		}
	}
	r.fail()
	return 0
}

func appendU32(b []byte, v uint32) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendS32(b []byte, v int32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 && c&0x40 == 0 || v == -1 && c&0x40 != 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
