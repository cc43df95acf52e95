package migrate

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// The shapes below list what a schema is made of, one fact per line,
// sorted. Column order is left out on purpose: ADD COLUMN appends, so a
// migrated table and a freshly created one differ in physical order only,
// which no query of the generated code depends on (sqlc lists columns by
// name).

func sqliteShape(t *testing.T, db *sql.DB) string { return sqliteShapeOpts(t, db, false) }

// sqliteShapeOpts with looseUnique describes a unique constraint and a
// unique index the same way (by columns), to compare with the init template
// that declared uniques inside CREATE TABLE.
func sqliteShapeOpts(t *testing.T, db *sql.DB, looseUnique bool) string {
	t.Helper()
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	tables := map[string]string{}
	for _, row := range rows(t, db, `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`) {
		tables[row[0]] = row[1]
	}
	for table, ddl := range tables {
		add("table %s", table)
		for _, r := range rows(t, db, `SELECT name, type, "notnull", COALESCE(dflt_value, ''), pk FROM pragma_table_info(?)`, table) {
			add("column %s.%s %s notnull=%s default=%s pk=%s", table, r[0], r[1], r[2], r[3], r[4])
		}
		for _, r := range rows(t, db, `SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)`, table) {
			add("fk %s.%s -> %s.%s", table, r[0], r[1], r[2])
		}
		for _, r := range rows(t, db, `SELECT name, "unique", origin FROM pragma_index_list(?)`, table) {
			var cols []string
			for _, c := range rows(t, db, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, r[0]) {
				cols = append(cols, c[0])
			}
			switch {
			case r[2] == "pk":
				add("pk %s(%s)", table, strings.Join(cols, ","))
			case looseUnique && r[1] == "1":
				add("unique %s(%s)", table, strings.Join(cols, ","))
			default:
				add("index %s %s(%s) unique=%s", r[0], table, strings.Join(cols, ","), r[1])
			}
		}
		for _, c := range checks(ddl) {
			add("check %s %s", table, c)
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// checks extracts the CHECK expressions of a CREATE TABLE statement (SQLite
// exposes them nowhere else).
func checks(ddl string) []string {
	var out []string
	for {
		i := strings.Index(ddl, "CHECK (")
		if i < 0 {
			return out
		}
		ddl = ddl[i+len("CHECK ("):]
		depth, j := 1, 0
		for ; j < len(ddl) && depth > 0; j++ {
			switch ddl[j] {
			case '(':
				depth++
			case ')':
				depth--
			}
		}
		out = append(out, ddl[:j-1])
		ddl = ddl[j:]
	}
}

func postgresShape(t *testing.T, db *sql.DB) string {
	t.Helper()
	var schema string
	if err := db.QueryRow(`SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	for _, r := range rows(t, db, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`) {
		add("table %s", r[0])
	}
	for _, r := range rows(t, db, `SELECT table_name, column_name, data_type, is_nullable, COALESCE(column_default, '')
		FROM information_schema.columns WHERE table_schema = current_schema()`) {
		add("column %s.%s %s nullable=%s default=%s", r[0], r[1], r[2], r[3], r[4])
	}
	for _, r := range rows(t, db, `SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
		FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema()`) {
		add("constraint %s %s %s %s", r[0], r[1], r[2], r[3])
	}
	for _, r := range rows(t, db, `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()`) {
		add("index %s %s %s", r[0], r[1], strings.ReplaceAll(r[2], schema+".", ""))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func rows(t *testing.T, db *sql.DB, query string, args ...any) [][]string {
	t.Helper()
	rs, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rs.Close()
	cols, _ := rs.Columns()
	var out [][]string
	for rs.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// shapeDiff names the lines only in a or only in b, for failure messages.
func shapeDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if !mb[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ma[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}
