package d1

import (
	"database/sql/driver"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// rowsIter iterates over rows parsed already.
type rowsIter struct {
	cols []string
	rows [][]driver.Value
	next int
}

func (r *rowsIter) Columns() []string { return r.cols }
func (r *rowsIter) Close() error      { return nil }

func (r *rowsIter) Next(dest []driver.Value) error {
	if r.next >= len(r.rows) {
		return io.EOF
	}
	copy(dest, r.rows[r.next])
	r.next++
	return nil
}

// parseRows reads what D1's raw({ columnNames: true }) gives, as JSON: an
// array whose first element holds the column names and whose others hold
// the rows, or an empty array. Values are null, numbers, strings, and
// {"b64": "..."} for BLOBs. Integral numbers become int64, as D1 returns
// SQLite integers as JavaScript numbers.
func parseRows(text []byte) (cols []string, rows [][]driver.Value, err error) {
	p := &parser{s: text}
	if !p.eat('[') {
		return nil, nil, p.fail("expected [")
	}
	for first := true; !p.eat(']'); first = false {
		if !first && !p.eat(',') {
			return nil, nil, p.fail("expected , or ]")
		}
		row, err := p.array()
		if err != nil {
			return nil, nil, err
		}
		if cols == nil {
			cols = make([]string, len(row))
			for i, v := range row {
				s, ok := v.(string)
				if !ok {
					return nil, nil, p.fail("column names must be strings")
				}
				cols[i] = s
			}
			continue
		}
		if len(row) != len(cols) {
			return nil, nil, p.fail("row length differs from the column count")
		}
		rows = append(rows, row)
	}
	p.space()
	if p.i != len(p.s) {
		return nil, nil, p.fail("data after the rows")
	}
	return cols, rows, nil
}

// parser reads the JSON subset that parseRows needs.
type parser struct {
	s []byte
	i int
}

func (p *parser) fail(msg string) error {
	return fmt.Errorf("D1 rows at byte %d: %s", p.i, msg)
}

func (p *parser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *parser) eat(c byte) bool {
	p.space()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *parser) array() ([]driver.Value, error) {
	if !p.eat('[') {
		return nil, p.fail("expected a row")
	}
	var row []driver.Value
	for first := true; !p.eat(']'); first = false {
		if !first && !p.eat(',') {
			return nil, p.fail("expected , or ]")
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		row = append(row, v)
	}
	if row == nil {
		row = []driver.Value{}
	}
	return row, nil
}

func (p *parser) value() (driver.Value, error) {
	p.space()
	if p.i >= len(p.s) {
		return nil, p.fail("unexpected end")
	}
	switch c := p.s[p.i]; {
	case c == '"':
		return p.str()
	case c == 'n' && p.word("null"):
		return nil, nil
	case c == 't' && p.word("true"):
		return true, nil
	case c == 'f' && p.word("false"):
		return false, nil
	case c == '{':
		return p.blob()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	return nil, p.fail("unexpected character")
}

func (p *parser) word(w string) bool {
	if len(p.s)-p.i >= len(w) && string(p.s[p.i:p.i+len(w)]) == w {
		p.i += len(w)
		return true
	}
	return false
}

func (p *parser) number() (driver.Value, error) {
	start := p.i
	for p.i < len(p.s) && (p.s[p.i] == '-' || p.s[p.i] == '+' || p.s[p.i] == '.' || p.s[p.i] == 'e' || p.s[p.i] == 'E' || p.s[p.i] >= '0' && p.s[p.i] <= '9') {
		p.i++
	}
	text := string(p.s[start:p.i])
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return n, nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil, p.fail("bad number " + strconv.Quote(text))
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<63 {
		return int64(f), nil
	}
	return f, nil
}

// str reads a JSON string. Lone surrogates in \u escapes become U+FFFD.
func (p *parser) str() (string, error) {
	p.i++ // the opening quote
	start := p.i
	for p.i < len(p.s) && p.s[p.i] != '"' && p.s[p.i] != '\\' {
		p.i++
	}
	if p.i < len(p.s) && p.s[p.i] == '"' {
		p.i++
		return string(p.s[start : p.i-1]), nil
	}
	b := append([]byte(nil), p.s[start:p.i]...)
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(b), nil
		case c != '\\':
			b = append(b, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.s) {
			break
		}
		esc := p.s[p.i+1]
		p.i += 2
		switch esc {
		case '"', '\\', '/':
			b = append(b, esc)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.fail("bad \\u escape")
			}
			if utf16.IsSurrogate(r) {
				dec := utf8.RuneError
				if save := p.i; r < 0xdc00 && p.word(`\u`) { // a high surrogate, then a low one?
					if lo, ok := p.hex4(); ok && lo >= 0xdc00 && lo < 0xe000 {
						dec = utf16.DecodeRune(r, lo)
					} else {
						p.i = save
					}
				}
				r = dec
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", p.fail("bad escape")
		}
	}
	return "", p.fail("unterminated string")
}

func (p *parser) hex4() (rune, bool) {
	if len(p.s)-p.i < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(p.s[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(v), true
}

// blob reads {"b64":"..."}.
func (p *parser) blob() ([]byte, error) {
	p.i++
	if !p.eat('"') || !p.word(`b64"`) || !p.eat(':') {
		return nil, p.fail(`expected {"b64": ...}`)
	}
	p.space()
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return nil, p.fail("expected a base64 string")
	}
	s, err := p.str()
	if err != nil {
		return nil, err
	}
	if !p.eat('}') {
		return nil, p.fail("expected }")
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, errors.Join(p.fail("bad base64"), err)
	}
	return b, nil
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

func appendBase64(b []byte, v []byte) []byte {
	return base64.StdEncoding.AppendEncode(b, v)
}
