//go:build js && wasm

package d1

import (
	"context"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/authlab/authlab/worker/glue"
)

// ErrBatch reports a batch whose shape does not match its answer.
var ErrBatch = errors.New("d1: batch")

// Batch runs queries, each with its arguments, in one round trip to D1, as
// one transaction (D1's batch): they run in order, and no other statement
// runs between them. It returns each query's rows. Results come from D1 as
// objects, so a batched query must give its columns distinct names that
// are not numbers. Callers reach it through database/sql's Conn.Raw.
func (c *conn) Batch(ctx context.Context, queries []string, args [][]any) ([][][]any, error) {
	if len(queries) != len(args) {
		return nil, fmt.Errorf("%w: %d queries and %d argument lists", ErrBatch, len(queries), len(args))
	}
	p := append(append([]byte(c.binding), 0), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(p[len(p)-4:], uint32(len(queries)))
	for i, q := range queries {
		n, err := c.statement(ctx, q)
		if err != nil {
			return nil, err
		}
		at := len(p)
		p = binary.LittleEndian.AppendUint32(p, n)
		p = append(p, 0, 0, 0, 0)
		if p, err = appendArgs(p, args[i]); err != nil {
			return nil, err
		}
		binary.LittleEndian.PutUint32(p[at+4:], uint32(len(p)-at-8))
	}
	out, err := glue.Call(ctx, glue.OpD1Batch, p)
	if err != nil {
		return nil, fmt.Errorf("d1: %w", err)
	}
	results := make([][][]any, 0, len(queries))
	for len(out) >= 4 {
		n := int(binary.LittleEndian.Uint32(out))
		if n > len(out)-4 {
			break
		}
		_, rows, err := parseRows(out[4 : 4+n])
		if err != nil {
			return nil, fmt.Errorf("d1: %w", err)
		}
		vals := make([][]any, len(rows))
		for j, r := range rows {
			vals[j] = make([]any, len(r))
			for k, v := range r {
				vals[j][k] = v
			}
		}
		results = append(results, vals)
		out = out[4+n:]
	}
	if len(results) != len(queries) || len(out) != 0 {
		return nil, fmt.Errorf("%w: %d results for %d queries", ErrBatch, len(results), len(queries))
	}
	return results, nil
}

// appendArgs appends args as a JSON array.
func appendArgs(p []byte, args []any) ([]byte, error) {
	p = append(p, '[')
	for i, a := range args {
		if i > 0 {
			p = append(p, ',')
		}
		// As database/sql does: an int becomes an int64, and so on.
		v, err := driver.DefaultParameterConverter.ConvertValue(a)
		if err != nil {
			return nil, fmt.Errorf("d1: %w", err)
		}
		if p, err = appendArg(p, v); err != nil {
			return nil, err
		}
	}
	return append(p, ']'), nil
}
