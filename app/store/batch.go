package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// batcher is a driver connection that runs statements in one round trip,
// in order and as one transaction, such as worker/d1's over D1's batch.
// Each query's rows come back as values of the driver's types.
type batcher interface {
	Batch(ctx context.Context, queries []string, args [][]any) ([][][]any, error)
}

// batch runs queries in order as one transaction and returns each one's
// rows: in one round trip when the driver is a batcher, and in a database
// transaction otherwise. Arguments convert as database/sql converts them.
func (s *Store) batch(ctx context.Context, queries []string, args [][]any) ([][][]any, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var out [][][]any
	batched := false
	err = conn.Raw(func(dc any) error {
		b, ok := dc.(batcher)
		if !ok {
			return nil
		}
		batched = true
		out, err = b.Batch(ctx, queries, args)
		return err
	})
	if batched || err != nil {
		return out, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	for i, q := range queries {
		rows, err := queryAll(ctx, tx, q, args[i])
		if err != nil {
			return nil, err
		}
		out = append(out, rows)
	}
	return out, tx.Commit()
}

func queryAll(ctx context.Context, tx *sql.Tx, query string, args []any) ([][]any, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]any
	for rows.Next() {
		row := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// errShape reports a batch answer that does not have the expected rows.
var errShape = errors.New("store: unexpected result shape")

// int64Of reads an integer cell of a batch answer.
func int64Of(v any) (int64, error) {
	switch n := v.(type) {
	case int64:
		return n, nil
	case float64:
		if n == float64(int64(n)) {
			return int64(n), nil
		}
	}
	return 0, fmt.Errorf("%w: %T %v is not an integer", errShape, v, v)
}

// textOf reads a TEXT cell of a batch answer, which drivers give as a
// string or as bytes.
func textOf(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	}
	return ""
}

// scanner is what scanAPIKey and scanUser read a row from: a *sql.Row, a
// *sql.Rows or a batchRow.
type scanner interface{ Scan(dest ...any) error }

// batchRow is one row of a batch answer. Scan reads its cells into the
// destination types the store's scanners use, so that a row read in a
// batch and a row read by a query share one scanner.
type batchRow []any

func (r batchRow) Scan(dest ...any) error {
	if len(dest) != len(r) {
		return fmt.Errorf("%w: %d columns for %d destinations", errShape, len(r), len(dest))
	}
	for i, d := range dest {
		switch d := d.(type) {
		case *string:
			*d = textOf(r[i])
		case *sql.NullInt64:
			*d = sql.NullInt64{}
			if r[i] != nil {
				n, err := int64Of(r[i])
				if err != nil {
					return err
				}
				*d = sql.NullInt64{Int64: n, Valid: true}
			}
		case *int64:
			n, err := int64Of(r[i])
			if err != nil {
				return err
			}
			*d = n
		case *int:
			n, err := int64Of(r[i])
			if err != nil {
				return err
			}
			*d = int(n)
		default:
			return fmt.Errorf("%w: cannot scan into %T", errShape, d)
		}
	}
	return nil
}
