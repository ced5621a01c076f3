//go:build js && wasm

// Package d1 is a database/sql driver for Cloudflare D1 that talks to D1
// through the worker's glue (worker/glue): a statement's number and its
// arguments cross as one byte string, and its rows come back as one JSON
// text, where a driver over syscall/js makes a js.Value, with its
// finalizer, for every row, column name and cell. The glue prepares every
// SQL text once and keeps the statement under a number.
//
// Transactions are not supported, as D1 offers none to Workers; BLOBs
// cross base64-encoded.
package d1

import (
	"context"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/authlab/authlab/worker/glue"
)

// ErrNoTx is returned by BeginTx.
var ErrNoTx = errors.New("d1: transactions are not supported")

// Connector connects to the D1 database bound under a name in the worker's
// environment.
type Connector struct {
	binding string
	mu      sync.Mutex
	stmts   map[string]uint32 // SQL text → the glue's statement number
}

// NewConnector returns a connector to the D1 binding named binding, such
// as "DB". The binding is looked up when a statement is first prepared.
func NewConnector(binding string) *Connector {
	return &Connector{binding: binding, stmts: map[string]uint32{}}
}

var _ driver.Connector = (*Connector)(nil)

// Connect returns a connection; it does no I/O.
func (c *Connector) Connect(context.Context) (driver.Conn, error) {
	return &conn{c}, nil
}

// Driver returns the driver, which opens no connection by name.
func (c *Connector) Driver() driver.Driver { return drv{} }

type drv struct{}

func (drv) Open(string) (driver.Conn, error) {
	return nil, errors.New("d1: open a connection with sql.OpenDB(d1.NewConnector(binding))")
}

// conn runs statements without preparing them in Go: the glue keeps D1's
// prepared statements.
type conn struct{ *Connector }

// statement returns the glue's number for query, preparing it the first
// time.
func (c *conn) statement(ctx context.Context, query string) (uint32, error) {
	c.mu.Lock()
	n, ok := c.stmts[query]
	c.mu.Unlock()
	if ok {
		return n, nil
	}
	out, err := glue.Call(ctx, glue.OpD1Prepare, append(append([]byte(c.binding), 0), query...))
	if err != nil {
		return 0, fmt.Errorf("d1: prepare: %w", err)
	}
	v, err := strconv.ParseUint(string(out), 10, 32)
	if err != nil {
		return 0, fmt.Errorf("d1: prepare: %q", out)
	}
	c.mu.Lock()
	c.stmts[query] = uint32(v)
	c.mu.Unlock()
	return uint32(v), nil
}

var (
	_ driver.QueryerContext = (*conn)(nil)
	_ driver.ExecerContext  = (*conn)(nil)
)

func (c *conn) Prepare(query string) (driver.Stmt, error) { return &stmt{c: c, query: query}, nil }
func (c *conn) Close() error                              { return nil }
func (c *conn) Begin() (driver.Tx, error)                 { return nil, ErrNoTx }
func (c *conn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) {
	return nil, ErrNoTx
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	p, err := c.payload(ctx, query, args)
	if err != nil {
		return nil, err
	}
	out, err := glue.Call(ctx, glue.OpD1Query, p)
	if err != nil {
		return nil, fmt.Errorf("d1: %w", err)
	}
	cols, rows, err := parseRows(out)
	if err != nil {
		return nil, fmt.Errorf("d1: %w", err)
	}
	return &rowsIter{cols: cols, rows: rows}, nil
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	p, err := c.payload(ctx, query, args)
	if err != nil {
		return nil, err
	}
	out, err := glue.Call(ctx, glue.OpD1Run, p)
	if err != nil {
		return nil, fmt.Errorf("d1: %w", err)
	}
	_, rows, err := parseRows(append(append([]byte(`[["changes","last_row_id"],`), out...), ']'))
	if err != nil || len(rows) != 1 || len(rows[0]) != 2 {
		return nil, fmt.Errorf("d1: unexpected run result %q", out)
	}
	changes, _ := rows[0][0].(int64)
	last, _ := rows[0][1].(int64)
	return result{changes: changes, lastID: last}, nil
}

// payload is the glue's request: the statement's number (uint32 LE) and
// the arguments as a JSON array.
func (c *conn) payload(ctx context.Context, query string, args []driver.NamedValue) ([]byte, error) {
	n, err := c.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	p := make([]byte, 4, 6+16*len(args))
	binary.LittleEndian.PutUint32(p, n)
	p = append(p, '[')
	for i, a := range args {
		if a.Name != "" {
			return nil, fmt.Errorf("d1: named argument %q: only positional ones are supported", a.Name)
		}
		if i > 0 {
			p = append(p, ',')
		}
		var err error
		if p, err = appendArg(p, a.Value); err != nil {
			return nil, err
		}
	}
	return append(p, ']'), nil
}

func appendArg(p []byte, v driver.Value) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(p, "null"...), nil
	case int64:
		return strconv.AppendInt(p, v, 10), nil
	case float64:
		return strconv.AppendFloat(p, v, 'g', -1, 64), nil
	case bool:
		return strconv.AppendBool(p, v), nil
	case string:
		return appendString(p, v), nil
	case []byte:
		p = append(p, `{"b64":"`...)
		p = appendBase64(p, v)
		return append(p, `"}`...), nil
	}
	return nil, fmt.Errorf("d1: unsupported argument type %T", v)
}

// stmt is a statement as database/sql sees it; it runs through its conn.
type stmt struct {
	c     *conn
	query string
}

func (s *stmt) Close() error  { return nil }
func (s *stmt) NumInput() int { return -1 }
func (s *stmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.c.ExecContext(context.Background(), s.query, named(args))
}
func (s *stmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.c.QueryContext(context.Background(), s.query, named(args))
}

func named(args []driver.Value) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, v := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return out
}

type result struct{ changes, lastID int64 }

func (r result) LastInsertId() (int64, error) { return r.lastID, nil }
func (r result) RowsAffected() (int64, error) { return r.changes, nil }
