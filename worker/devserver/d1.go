package devserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"sort"
	"strings"

	"github.com/authlab/authlab/app/store"
)

// MigrateD1 applies the project's migrations (store.Migrations) to a fresh
// local D1 through the admin socket of a direct workerd (workerdconf.D1's
// Admin), as `wrangler d1 migrations apply --local` does: each file in one
// transaction with its row in d1_migrations, in the order of their names.
// id is the database_id. It takes a second where wrangler takes many.
func MigrateD1(ctx context.Context, admin, id string) error {
	names, err := fs.Glob(store.Migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	if err := d1Execute(ctx, admin, id, d1Query{SQL: `CREATE TABLE IF NOT EXISTS d1_migrations(
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		name TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`}); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	for _, path := range names {
		name := strings.TrimPrefix(path, "migrations/")
		body, err := store.Migrations.ReadFile(path)
		if err != nil {
			return err
		}
		err = d1Execute(ctx, admin, id, d1Query{SQL: string(body)},
			d1Query{SQL: "INSERT INTO d1_migrations(name) VALUES (?)", Params: []any{name}})
		if err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// d1Query is one query of miniflare's D1 HTTP protocol.
type d1Query struct {
	SQL    string `json:"sql"`
	Params []any  `json:"params,omitempty"`
}

// d1Execute runs queries in one transaction through miniflare's D1 entry
// worker (POST /execute), which takes the database's name from the
// MF-Namespace header.
func d1Execute(ctx context.Context, admin, id string, queries ...d1Query) error {
	body, err := json.Marshal(queries)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, admin+"/execute?resultsFormat=NONE", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("MF-Namespace", id)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("D1 answered %s: %s", resp.Status, out)
	}
	return nil
}
