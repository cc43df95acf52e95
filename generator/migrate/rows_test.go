package migrate

import (
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/model"
)

func TestReferencedRowsSQLite(t *testing.T)   { testReferencedRows(t, sqliteDB()) }
func TestReferencedRowsPostgres(t *testing.T) { testReferencedRows(t, postgresDB(t)) }

// testReferencedRows changes tables whose rows are referenced, by
// themselves (a tree) and by each other (a cycle), with foreign keys
// enforced. On SQLite both are rebuilds; the references must survive them,
// in both directions.
func testReferencedRows(t *testing.T, tdb testDB) {
	build := func(optionalTitles bool) *Schema {
		var opts []fieldOpt
		if optionalTitles {
			opts = append(opts, optional)
		}
		categories := resource("categories", field("title", "string", opts...), field("parent_id", "uuid", optional))
		ref(categories, "parent_id", categories)
		authors := resource("authors", field("name", "string", opts...), field("latest_book_id", "uuid", optional))
		books := resource("books", field("title", "string"), field("author_id", "uuid"))
		ref(authors, "latest_book_id", books)
		ref(books, "author_id", authors)
		return FromModel(project(categories, authors, books))
	}
	a, b := build(false), build(true)
	db := tdb.open(t)
	apply := func(prev, next *Schema, down bool) {
		t.Helper()
		m, err := Diff(prev, next, tdb.dialect)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s", m.Render())
		up, dn := migrateFile(t, m)
		if down {
			up = dn
		}
		if err := applyTx(t, db, up); err != nil {
			t.Fatalf("%v\n%s", err, m.Render())
		}
	}
	apply(nil, a, false)
	for _, s := range []string{
		"INSERT INTO categories (id, title, parent_id, created_at, updated_at) VALUES ('" + o2 + "', 'child', NULL, " + ts + ", " + ts + ")",
		"INSERT INTO categories (id, title, parent_id, created_at, updated_at) VALUES ('" + o1 + "', 'root', NULL, " + ts + ", " + ts + ")",
		"UPDATE categories SET parent_id = '" + o1 + "' WHERE id = '" + o2 + "'",
		"INSERT INTO authors (id, name, created_at, updated_at) VALUES ('" + ada + "', 'Ada', " + ts + ", " + ts + ")",
		"INSERT INTO books (id, title, author_id, created_at, updated_at) VALUES ('" + bob + "', 'Notes', '" + ada + "', " + ts + ", " + ts + ")",
		"UPDATE authors SET latest_book_id = '" + bob + "'",
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
	check := func(when string) {
		t.Helper()
		got := rows(t, db, `SELECT c.title, p.title FROM categories c JOIN categories p ON p.id = c.parent_id`)
		got = append(got, rows(t, db, `SELECT a.name, b.title, l.title FROM books b JOIN authors a ON a.id = b.author_id JOIN books l ON l.id = a.latest_book_id`)...)
		var lines []string
		for _, r := range got {
			lines = append(lines, strings.Join(r, " "))
		}
		if strings.Join(lines, "|") != "child root|Ada Notes Notes" {
			t.Errorf("%s: rows = %q", when, lines)
		}
		if tdb.dialect == sqlite {
			if v := rows(t, db, `PRAGMA foreign_key_check`); len(v) != 0 {
				t.Errorf("%s: foreign_key_check: %q", when, v)
			}
		}
	}
	check("before")
	if tdb.dialect == sqlite {
		// Without deferred foreign keys, dropping a referenced original
		// fails: the reason the migration starts with the pragma.
		m, _ := Diff(a, b, sqlite)
		if m.Up[0] != deferFKs {
			t.Fatalf("first statement %q, want %q", m.Up[0], deferFKs)
		}
		if err := applyTx(t, db, m.Up[1:]); err == nil || !strings.Contains(err.Error(), "FOREIGN KEY constraint failed") {
			t.Fatalf("rebuild without %s: err = %v", deferFKs, err)
		}
	}
	apply(a, b, false)
	check("after up")
	apply(a, b, true)
	check("after down")
}

func TestFailedMigrationRollsBackSQLite(t *testing.T) { testFailedMigrationRollsBack(t, sqliteDB()) }
func TestFailedMigrationRollsBackPostgres(t *testing.T) {
	testFailedMigrationRollsBack(t, postgresDB(t))
}

// testFailedMigrationRollsBack runs a destructive step that the data
// refutes (a row holds an enum value being removed): the migration fails
// as a whole and leaves schema and rows as they were.
func testFailedMigrationRollsBack(t *testing.T, tdb testDB) {
	mk := func(vals ...string) *Schema {
		return FromModel(project(resource("tickets", field("state", "", enum(vals...)), field("note", "text", optional))))
	}
	a, b := mk("open", "closed"), mk("open")
	db := tdb.open(t)
	m, _ := Diff(nil, a, tdb.dialect)
	if err := applyTx(t, db, m.Up); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO tickets (id, state, note, created_at, updated_at) VALUES ('" + ada + "', 'closed', 'x', " + ts + ", " + ts + ")"); err != nil {
		t.Fatal(err)
	}
	before := tdb.shape(t, db)
	m, _ = Diff(a, b, tdb.dialect)
	if len(m.Destructive) != 1 || !strings.Contains(m.Destructive[0], "remove enum values closed from tickets.state") {
		t.Errorf("destructive = %q", m.Destructive)
	}
	err := applyTx(t, db, m.Up)
	if err == nil || !strings.Contains(strings.ToLower(err.Error()), "check") {
		t.Fatalf("err = %v, want a CHECK failure", err)
	}
	if got := tdb.shape(t, db); got != before {
		t.Errorf("failed migration changed the schema:\n%s", shapeDiff(before, got))
	}
	var state string
	if err := db.QueryRow("SELECT state FROM tickets").Scan(&state); err != nil || state != "closed" {
		t.Errorf("row: %q, %v", state, err)
	}
}

func TestInPlaceSQLite(t *testing.T)   { testInPlace(t, sqliteDB()) }
func TestInPlacePostgres(t *testing.T) { testInPlace(t, postgresDB(t)) }

// testInPlace checks, on a table holding a row, which changes SQLite makes
// in place and which need a rebuild, and that either way the result equals
// a fresh database.
func testInPlace(t *testing.T, tdb testDB) {
	parent := resource("parents")
	mk := func(fields ...*model.Field) *Schema {
		r := resource("items", fields...)
		for _, f := range fields {
			if f.Name == "parent_id" {
				f.Ref = parent
			}
		}
		return FromModel(project(parent, r))
	}
	for _, tc := range []struct {
		name       string
		prev, next *Schema
		rebuild    bool
	}{
		{"drop enum column", mk(field("st", "", enum("a", "b"), optional)), mk(), false},
		{"drop unique column", mk(field("code", "string", optional, unique)), mk(), false},
		{"add reference", mk(), mk(field("parent_id", "uuid", optional)), false},
		{"add enum with default", mk(), mk(field("st", "", enum("a", "b"), dflt("a"))), false},
		{"drop reference", mk(field("parent_id", "uuid", optional)), mk(), true},
		{"reference existing column", mk(field("parent_id", "uuid", optional)), mk(field("parent_id", "uuid", optional)), true},
		{"default changes", mk(field("n", "int", dflt("1"))), mk(field("n", "int", dflt("2"))), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "reference existing column" {
				tc.prev.table("items").ForeignKeys = nil
			}
			db := tdb.open(t)
			m, _ := Diff(nil, tc.prev, tdb.dialect)
			if err := applyTx(t, db, m.Up); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("INSERT INTO items (id, created_at, updated_at) VALUES ('" + ada + "', " + ts + ", " + ts + ")"); err != nil {
				t.Fatal(err)
			}
			m, err := Diff(tc.prev, tc.next, tdb.dialect)
			if err != nil || m == nil {
				t.Fatalf("Diff = %v, %v", m, err)
			}
			if tdb.dialect == sqlite && strings.Contains(strings.Join(m.Up, "\n"), rebuildSuffix) != tc.rebuild {
				t.Errorf("rebuild = %v, want %v:\n%s", !tc.rebuild, tc.rebuild, m.Render())
			}
			if err := applyTx(t, db, m.Up); err != nil {
				t.Fatalf("%v\n%s", err, m.Render())
			}
			fresh := tdb.open(t)
			f, _ := Diff(nil, tc.next, tdb.dialect)
			if err := applyTx(t, fresh, f.Up); err != nil {
				t.Fatal(err)
			}
			if a, b := tdb.shape(t, db), tdb.shape(t, fresh); a != b {
				t.Errorf("migrated differs from fresh:\n%s", shapeDiff(a, b))
			}
			if n := rows(t, db, "SELECT id FROM items"); len(n) != 1 {
				t.Errorf("rows: %q", n)
			}
		})
	}
}
