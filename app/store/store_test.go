//go:build !js

package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/store"
)

// openDB opens a migrated SQLite file in a fresh temporary directory.
func openDB(t *testing.T) (*sql.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "authlab.db")
	db, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func appliedMigrations(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM d1_migrations ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	return names
}

func TestMigrateIsIdempotent(t *testing.T) {
	ctx := context.Background()
	db, path := openDB(t)
	files, err := fs.Glob(store.Migrations, "migrations/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("embedded migrations: %v, %v", files, err)
	}
	first := appliedMigrations(t, db)
	if len(first) != len(files) {
		t.Fatalf("applied %v, embedded %v", first, files)
	}
	for i, f := range files {
		if filepath.Base(f) != first[i] {
			t.Errorf("migration %d is %s, want %s (in order)", i, first[i], filepath.Base(f))
		}
	}
	// Data survives a second Migrate, a third, and a reopen of the file.
	s := store.New(db)
	u := &authserver.User{Username: "alice", PasswordHash: "h", CreatedAt: time.Unix(1, 0)}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := store.Migrate(ctx, db); err != nil {
			t.Fatalf("Migrate again: %v", err)
		}
	}
	db.Close()
	db2, err := store.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db2.Close()
	if again := appliedMigrations(t, db2); len(again) != len(first) {
		t.Errorf("after re-running, applied %v, want %v", again, first)
	}
	if got, err := store.New(db2).UserByName(ctx, "alice"); err != nil || got.ID != u.ID {
		t.Errorf("after reopening: %v, %v", got, err)
	}
}

// TestMigrateResumes checks that a database on which only the first
// migration ran (as wrangler could leave it) gets the rest.
func TestMigrateResumes(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	applied := appliedMigrations(t, db)
	if len(applied) < 2 {
		t.Skip("only one migration: nothing to resume")
	}
	last := applied[len(applied)-1]
	body, err := fs.ReadFile(store.Migrations, "migrations/"+last)
	if err != nil {
		t.Fatal(err)
	}
	// Undo the last migration by hand: drop the tables it created.
	created := regexp.MustCompile(`(?i)CREATE TABLE (\w+)`).FindAllStringSubmatch(string(body), -1)
	if len(created) == 0 {
		t.Skipf("%s creates no table", last)
	}
	for i := len(created) - 1; i >= 0; i-- {
		if _, err := db.Exec(`DROP TABLE ` + created[i][1]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`DELETE FROM d1_migrations WHERE name = ?`, last); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if got := appliedMigrations(t, db); len(got) != len(applied) || got[len(got)-1] != last {
		t.Errorf("applied %v, want %v", got, applied)
	}
	for _, c := range created {
		if _, err := db.Exec(`SELECT count(*) FROM ` + c[1]); err != nil {
			t.Errorf("table %s was not recreated: %v", c[1], err)
		}
	}
}

func TestCreateUser(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	s := store.New(db)
	created := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	alice := &authserver.User{Username: "Alice", PasswordHash: "$pbkdf2-sha256$i=1$x$y", CreatedAt: created}
	if err := s.CreateUser(ctx, alice); err != nil {
		t.Fatal(err)
	}
	if alice.ID == 0 {
		t.Fatal("CreateUser did not set the ID")
	}
	tests := []struct {
		name    string
		wantErr error
	}{
		{"Alice", authserver.ErrConflict},
		{"alice", authserver.ErrConflict},
		{"ALICE", authserver.ErrConflict},
		{"aLiCe", authserver.ErrConflict},
		{"alice2", nil},
		{"bob", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := &authserver.User{Username: tt.name, PasswordHash: "h", CreatedAt: created}
			err := s.CreateUser(ctx, u)
			if !errors.Is(err, tt.wantErr) || tt.wantErr == nil && err != nil {
				t.Fatalf("CreateUser(%q) = %v, want %v", tt.name, err, tt.wantErr)
			}
			if err == nil && (u.ID == 0 || u.ID == alice.ID) {
				t.Errorf("ID %d", u.ID)
			}
		})
	}
	// A refused registration leaves the first account as it was.
	got, err := s.UserByName(ctx, "ALICE")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != alice.ID || got.Username != "Alice" || got.PasswordHash != alice.PasswordHash || !got.CreatedAt.Equal(created) {
		t.Errorf("UserByName = %+v, want %+v", got, alice)
	}
}

func TestUserLookups(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	s := store.New(db)
	u := &authserver.User{Username: "carol", PasswordHash: "h", CreatedAt: time.Unix(1700000000, 0)}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	byID, err := s.UserByID(ctx, u.ID)
	if err != nil || byID.Username != "carol" {
		t.Fatalf("UserByID = %v, %v", byID, err)
	}
	for _, name := range []string{"Carol", "CAROL", "carol"} {
		if got, err := s.UserByName(ctx, name); err != nil || got.ID != u.ID {
			t.Errorf("UserByName(%q) = %v, %v", name, got, err)
		}
	}
	for _, name := range []string{"", "caro", "carol ", "carol%", "%", "c_rol", "dave"} {
		if got, err := s.UserByName(ctx, name); !errors.Is(err, authserver.ErrNotFound) || got != nil {
			t.Errorf("UserByName(%q) = %v, %v; want %v", name, got, err, authserver.ErrNotFound)
		}
	}
	for _, id := range []int64{0, -1, u.ID + 1, 1 << 62} {
		if got, err := s.UserByID(ctx, id); !errors.Is(err, authserver.ErrNotFound) || got != nil {
			t.Errorf("UserByID(%d) = %v, %v; want %v", id, got, err, authserver.ErrNotFound)
		}
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
	db.Close()
	if err := s.Ping(ctx); err == nil {
		t.Error("Ping on a closed database succeeded")
	}
	if _, err := s.UserByName(ctx, "carol"); err == nil || errors.Is(err, authserver.ErrNotFound) {
		t.Errorf("a closed database is not a missing user: %v", err)
	}
}

// TestConcurrentRegistrations races registrations of one name, in
// different cases, through separate connections: exactly one wins.
func TestConcurrentRegistrations(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	s := store.New(db)
	const n = 16
	var wg sync.WaitGroup
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			name := "racer"
			if i%2 == 1 {
				name = "RACER"
			}
			errs[i] = s.CreateUser(ctx, &authserver.User{Username: name, PasswordHash: fmt.Sprint(i), CreatedAt: time.Now()})
		}()
	}
	close(start)
	wg.Wait()
	wins := 0
	for i, err := range errs {
		switch {
		case err == nil:
			wins++
		case !errors.Is(err, authserver.ErrConflict):
			t.Errorf("registration %d: %v, want nil or %v", i, err, authserver.ErrConflict)
		}
	}
	if wins != 1 {
		t.Fatalf("%d registrations succeeded, want exactly 1", wins)
	}
	var rows int
	if err := db.QueryRow(`SELECT count(*) FROM users WHERE username = 'racer' COLLATE NOCASE`).Scan(&rows); err != nil || rows != 1 {
		t.Errorf("%d rows (%v), want 1", rows, err)
	}
}
