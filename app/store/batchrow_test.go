//go:build !js

package store

import (
	"database/sql"
	"errors"
	"testing"
)

// TestBatchRowScan reads cells as D1 gives them (numbers as float64, text
// as strings) and as SQLite does (int64, bytes), into the destination
// types the scanners use, and refuses what does not fit.
func TestBatchRowScan(t *testing.T) {
	var (
		id, created int64
		quota       int
		name, hash  string
		used, gone  sql.NullInt64
	)
	row := batchRow{float64(7), int64(1_700_000_000), float64(100), "alice", []byte("h"), float64(3), nil}
	if err := row.Scan(&id, &created, &quota, &name, &hash, &used, &gone); err != nil {
		t.Fatal(err)
	}
	if id != 7 || created != 1_700_000_000 || quota != 100 || name != "alice" || hash != "h" ||
		used != (sql.NullInt64{Int64: 3, Valid: true}) || gone.Valid {
		t.Errorf("scanned %d %d %d %q %q %v %v", id, created, quota, name, hash, used, gone)
	}
	for _, bad := range []struct {
		row  batchRow
		dest []any
	}{
		{batchRow{1.5}, []any{&id}},
		{batchRow{"7"}, []any{&quota}},
		{batchRow{float64(1), float64(2)}, []any{&id}},
		{batchRow{true}, []any{new(bool)}},
	} {
		if err := bad.row.Scan(bad.dest...); !errors.Is(err, errShape) {
			t.Errorf("Scan(%v) into %T: %v, want errShape", bad.row, bad.dest[0], err)
		}
	}
}
