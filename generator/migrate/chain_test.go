package migrate

import (
	"database/sql"
	"strings"
	"testing"
)

func TestChainSQLite(t *testing.T)   { testChain(t, sqliteDB()) }
func TestChainPostgres(t *testing.T) { testChain(t, postgresDB(t)) }

// testChain applies Diff(∅,A), Diff(A,B), ... to one database holding rows,
// checks after each step that Down restores the previous schema and Up
// redoes the step, and finally that the result has the schema a fresh
// database gets from Diff(∅, last) alone, with the rows' untouched values
// intact.
func testChain(t *testing.T, tdb testDB) {
	schemas := steps()
	db := tdb.open(t)
	var prev *Schema
	before := tdb.shape(t, db)
	for i, next := range schemas {
		m, err := Diff(prev, next, tdb.dialect)
		if err != nil || m == nil {
			t.Fatalf("step %d: Diff = %v, %v", i, m, err)
		}
		t.Logf("step %d: %s (destructive: %q)\n%s", i, m.FileName(i+1), m.Destructive, m.Render())
		up, down := migrateFile(t, m)
		if err := applyTx(t, db, up); err != nil {
			t.Fatalf("step %d up: %v", i, err)
		}
		after := tdb.shape(t, db)
		if err := applyTx(t, db, down); err != nil {
			t.Fatalf("step %d down: %v", i, err)
		}
		if got := tdb.shape(t, db); got != before {
			t.Fatalf("step %d: down does not restore the previous schema:\n%s", i, shapeDiff(before, got))
		}
		if err := applyTx(t, db, up); err != nil {
			t.Fatalf("step %d up again: %v", i, err)
		}
		if got := tdb.shape(t, db); got != after {
			t.Fatalf("step %d: up after down differs:\n%s", i, shapeDiff(after, got))
		}
		if i == 0 {
			seed(t, db)
		}
		checkRows(t, db, i)
		prev, before = next, after
	}

	fresh := tdb.open(t)
	m, err := Diff(nil, prev, tdb.dialect)
	if err != nil {
		t.Fatal(err)
	}
	if err := applyTx(t, fresh, m.Up); err != nil {
		t.Fatalf("fresh: %v", err)
	}
	if got := tdb.shape(t, fresh); got != before {
		t.Fatalf("migrated schema differs from a fresh one (- migrated, + fresh):\n%s", shapeDiff(before, got))
	}
	if strings.Count(before, "\n") < 50 {
		t.Fatalf("shape looks too small to be meaningful:\n%s", before)
	}
	t.Logf("final shape:\n%s", before)
}

const (
	ada = "0b6f1f38-0000-4000-8000-000000000001"
	bob = "0b6f1f38-0000-4000-8000-000000000002"
	o1  = "0b6f1f38-0000-4000-8000-000000000011"
	o2  = "0b6f1f38-0000-4000-8000-000000000012"
	ts  = "'2026-01-02T03:04:05Z'"
)

// seed fills the tables of step A; every later step must keep these rows.
func seed(t *testing.T, db *sql.DB) {
	t.Helper()
	for _, s := range []string{
		"INSERT INTO customers (id, name, email, phone, created_at, updated_at) VALUES ('" + ada + "', 'Ada', 'ada@example.com', NULL, " + ts + ", " + ts + ")",
		"INSERT INTO customers (id, name, email, phone, created_at, updated_at) VALUES ('" + bob + "', 'Bob', 'bob@example.com', '555', " + ts + ", " + ts + ")",
		`INSERT INTO orders (id, customer_id, number, total, note, "order", created_at, updated_at) VALUES ('` + o1 + "', '" + ada + "', 'N1', '12.50', NULL, 5, " + ts + ", " + ts + ")",
		`INSERT INTO orders (id, customer_id, number, status, total, note, "order", created_at, updated_at) VALUES ('` + o2 + "', '" + bob + "', 'N2', 'pending', '7', 'hello', NULL, " + ts + ", " + ts + ")",
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("seed: %v\n%s", err, s)
		}
	}
}

// checkRows asserts the seeded values that no step changes, read through
// the reference, plus what step C did on purpose (NULL notes took the new
// default, decimal became float).
func checkRows(t *testing.T, db *sql.DB, step int) {
	t.Helper()
	got := rows(t, db, `SELECT c.name, c.email, o.number, o.status, COALESCE(o.note, '<null>'), o.total
		FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.number`)
	var lines []string
	for _, r := range got {
		lines = append(lines, strings.Join(r, " "))
	}
	want := "Ada ada@example.com N1 pending <null> 12.50|Bob bob@example.com N2 pending hello 7"
	if step >= 2 {
		want = "Ada ada@example.com N1 pending none 12.5|Bob bob@example.com N2 pending hello 7"
	}
	if strings.Join(lines, "|") != want {
		t.Errorf("step %d: rows = %q\nwant %q", step, strings.Join(lines, "|"), want)
	}
}
