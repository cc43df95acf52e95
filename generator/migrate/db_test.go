package migrate

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// A testDB opens fresh, empty databases of one dialect and describes their
// schema in a comparable form.
type testDB struct {
	dialect string
	open    func(t *testing.T) *sql.DB
	shape   func(t *testing.T, db *sql.DB) string
}

// sqliteDB opens databases with the pragmas generated projects use, in
// particular foreign_keys(1): migrations must work with enforcement on.
func sqliteDB() testDB {
	return testDB{dialect: sqlite, shape: sqliteShape, open: func(t *testing.T) *sql.DB {
		t.Helper()
		path := filepath.Join(t.TempDir(), "db.sqlite")
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_txlock=immediate")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		var on int
		if err := db.QueryRow("PRAGMA foreign_keys").Scan(&on); err != nil || on != 1 {
			t.Fatalf("foreign_keys = %d, %v", on, err)
		}
		return db
	}}
}

// postgresDB opens a fresh schema per call on GOBACKEND_TEST_POSTGRES_URL,
// selected through the connection's search_path and dropped at cleanup.
func postgresDB(t *testing.T) testDB {
	base := os.Getenv("GOBACKEND_TEST_POSTGRES_URL")
	if base == "" {
		t.Skip("GOBACKEND_TEST_POSTGRES_URL is not set; set it (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable) to run the PostgreSQL cases")
	}
	return testDB{dialect: postgres, shape: postgresShape, open: func(t *testing.T) *sql.DB {
		t.Helper()
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		buf := make([]byte, 6)
		rand.Read(buf)
		schema := "migrate_test_" + hex.EncodeToString(buf)
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			t.Fatalf("create schema: %v", err)
		}
		t.Cleanup(func() {
			admin, err := sql.Open("pgx", base)
			if err == nil {
				_, err = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
				admin.Close()
			}
			if err != nil {
				t.Errorf("drop schema %s: %v", schema, err)
			}
		})
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		qs := u.Query()
		qs.Set("search_path", schema)
		// The tests change tables under open connections; a cached plan
		// would then fail with "cached plan must not change result type".
		qs.Set("default_query_exec_mode", "exec")
		u.RawQuery = qs.Encode()
		db, err := sql.Open("pgx", u.String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		var cur string
		if err := db.QueryRow("SELECT current_schema()").Scan(&cur); err != nil || cur != schema {
			t.Fatalf("current_schema() = %q, %v; want %s", cur, err, schema)
		}
		return db
	}}
}

// gooseSplit splits a goose SQL file the way goose does: statements end
// with a semicolon at the end of a line, StatementBegin/End fence longer
// ones, comments between statements are skipped.
func gooseSplit(t *testing.T, data []byte) (up, down []string) {
	t.Helper()
	var cur *[]string
	var buf strings.Builder
	fenced := false
	for _, line := range strings.Split(string(data), "\n") {
		trim := strings.TrimSpace(line)
		switch trim {
		case "-- +goose Up":
			cur = &up
			continue
		case "-- +goose Down":
			cur = &down
			continue
		case "-- +goose StatementBegin":
			fenced = true
			continue
		case "-- +goose StatementEnd":
			fenced = false
			*cur = append(*cur, strings.TrimSuffix(strings.TrimSpace(buf.String()), ";"))
			buf.Reset()
			continue
		}
		if buf.Len() == 0 && (trim == "" || strings.HasPrefix(trim, "--")) {
			continue
		}
		if cur == nil {
			t.Fatalf("statement before -- +goose Up: %q", line)
		}
		buf.WriteString(line + "\n")
		if !fenced && strings.HasSuffix(trim, ";") {
			*cur = append(*cur, strings.TrimSuffix(strings.TrimSpace(buf.String()), ";"))
			buf.Reset()
		}
	}
	if buf.Len() > 0 {
		t.Fatalf("unterminated statement: %q", buf.String())
	}
	return up, down
}

// applyTx runs statements in one transaction, as goose runs a migration.
func applyTx(t *testing.T, db *sql.DB, stmts []string) error {
	t.Helper()
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := tx.Exec(s); err != nil {
			tx.Rollback()
			return &stmtError{s, err}
		}
	}
	return tx.Commit()
}

type stmtError struct {
	stmt string
	err  error
}

func (e *stmtError) Error() string { return e.err.Error() + "\nin: " + e.stmt }

// migrateFile renders m, checks that goose would read back exactly its
// statements, and returns them.
func migrateFile(t *testing.T, m *Migration) (up, down []string) {
	t.Helper()
	up, down = gooseSplit(t, m.Render())
	if strings.Join(up, "\x00") != strings.Join(m.Up, "\x00") || strings.Join(down, "\x00") != strings.Join(m.Down, "\x00") {
		t.Fatalf("goose would split the rendered file differently:\n%s", m.Render())
	}
	return up, down
}
