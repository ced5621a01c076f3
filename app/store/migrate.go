// Package store persists the auth server's state over database/sql. The
// same SQL runs on Cloudflare D1 (through wrangler's migrations) and on
// SQLite natively (through Migrate), so both see one schema.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Migrations holds the schema as numbered SQL files. wrangler applies the
// same folder to D1 (migrations_dir in wrangler.jsonc).
//
//go:embed migrations/*.sql
var Migrations embed.FS

// Migrate applies the migrations that db has not seen yet, recording them in
// d1_migrations, the table wrangler uses, so either tool can continue where
// the other stopped.
func Migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS d1_migrations(
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		name TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	names, err := fs.Glob(Migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, path := range names {
		name := strings.TrimPrefix(path, "migrations/")
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM d1_migrations WHERE name = ?`, name).Scan(&n); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if n > 0 {
			continue
		}
		body, err := Migrations.ReadFile(path)
		if err != nil {
			return err
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO d1_migrations(name) VALUES (?)`, name); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}
