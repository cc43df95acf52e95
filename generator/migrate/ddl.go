package migrate

import (
	"fmt"
	"github.com/gobackend/gobackend/generator/model"
	"github.com/gobackend/gobackend/generator/naming"
	"sort"
	"strings"
)

// This file holds the SQL both dialects share: identifiers, column types
// and definitions, CREATE INDEX, and the order in which tables are created.

const (
	sqlite   = "sqlite"
	postgres = "postgres"
)

// q quotes an identifier exactly when generator/model does (a reserved
// word): the migrations must name the same columns as the generated
// queries, and PostgreSQL folds unquoted names to lower case, so quoting
// more than the queries do would create a different column.
func q(name string) string {
	if !naming.SQLReserved(name) {
		return name
	}
	return `"` + name + `"`
}

func qlist(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = q(n)
	}
	return strings.Join(out, ", ")
}

// sqlType is the column type of a logical type in a dialect: the model's
// mapping, which the queries and sqlc are built on.
func sqlType(typ, dialect string) string { return model.SQLType(typ, dialect) }

// checkExpr is the CHECK expression of an enum column, "" for others.
func checkExpr(c *Column) string {
	if c.Type != "enum" {
		return ""
	}
	vals := make([]string, len(c.Enum))
	for i, v := range c.Enum {
		vals[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return fmt.Sprintf("%s IN (%s)", q(c.Name), strings.Join(vals, ", "))
}

// columnDef is a column definition for CREATE TABLE or ADD COLUMN: type,
// NOT NULL, DEFAULT, the enum CHECK and, when fk is not nil, the reference,
// each constraint named so that a later migration can drop it.
func columnDef(t *Table, c *Column, fk *ForeignKey, dialect string) string {
	var b strings.Builder
	b.WriteString(q(c.Name) + " " + sqlType(c.Type, dialect))
	if c.PrimaryKey {
		b.WriteString(" PRIMARY KEY")
	} else if !c.Nullable {
		b.WriteString(" NOT NULL")
	}
	if c.Default != "" {
		b.WriteString(" DEFAULT " + c.Default)
	}
	if e := checkExpr(c); e != "" {
		fmt.Fprintf(&b, " CONSTRAINT %s CHECK (%s)", q(CheckName(t.Name, c.Name)), e)
	}
	if fk != nil {
		fmt.Fprintf(&b, " CONSTRAINT %s REFERENCES %s (%s)", q(fk.Name), q(fk.RefTable), q(fk.RefColumn))
	}
	return b.String()
}

// createTable renders CREATE TABLE name for t. refName maps a referenced
// table to the name the reference must use (SQLite rebuilds point at the
// rebuilt copy); skipFK drops references added later by ALTER (PostgreSQL
// cycles). Unique constraints are inline for PostgreSQL and separate
// indexes for SQLite (see uniqueStmt).
func createTable(name string, t *Table, dialect string, refName func(string) string, skipFK map[string]bool) string {
	var defs []string
	for _, c := range t.Columns {
		fk := t.fkOn(c.Name)
		switch {
		case fk == nil:
		case skipFK[fk.Name]:
			fk = nil
		case refName != nil:
			cp := *fk
			cp.RefTable = refName(fk.RefTable)
			fk = &cp
		}
		defs = append(defs, columnDef(t, c, fk, dialect))
	}
	if dialect == postgres {
		for _, u := range t.Uniques {
			defs = append(defs, fmt.Sprintf("CONSTRAINT %s UNIQUE (%s)", q(u.Name), qlist(u.Columns)))
		}
	}
	return "CREATE TABLE " + q(name) + " (\n    " + strings.Join(defs, ",\n    ") + "\n)"
}

func createIndex(t *Table, ix *Index) string {
	return fmt.Sprintf("CREATE INDEX %s ON %s (%s)", q(ix.Name), q(t.Name), qlist(ix.Columns))
}

// tableIndexes lists the statements that create t's indexes (and, for
// SQLite, its unique indexes) once the table exists under its own name.
func tableIndexes(t *Table, dialect string) []string {
	var out []string
	if dialect == sqlite {
		for _, u := range t.Uniques {
			out = append(out, uniqueStmt(t, u, dialect))
		}
	}
	for _, ix := range t.Indexes {
		out = append(out, createIndex(t, ix))
	}
	return out
}

func uniqueStmt(t *Table, u *Unique, dialect string) string {
	if dialect == sqlite {
		return fmt.Sprintf("CREATE UNIQUE INDEX %s ON %s (%s)", q(u.Name), q(t.Name), qlist(u.Columns))
	}
	return fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s UNIQUE (%s)", q(t.Name), q(u.Name), qlist(u.Columns))
}

func dropUniqueStmt(t *Table, u *Unique, dialect string) string {
	if dialect == sqlite {
		return "DROP INDEX " + q(u.Name)
	}
	return fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", q(t.Name), q(u.Name))
}

func addFKStmt(t *Table, fk *ForeignKey) string {
	return fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s)",
		q(t.Name), q(fk.Name), q(fk.Column), q(fk.RefTable), q(fk.RefColumn))
}

// order sorts tables so that referenced tables come first, ties broken by
// name so the output is deterministic. References within the set that
// cannot be honoured (a cycle) are returned as forward: PostgreSQL must add
// them after both tables exist. Self-references are never forward.
func order(tables []*Table) (ordered []*Table, forward map[string]bool) {
	byName := map[string]*Table{}
	var names []string
	for _, t := range tables {
		byName[t.Name] = t
		names = append(names, t.Name)
	}
	sort.Strings(names)
	forward = map[string]bool{}
	state := map[string]int{} // 0 new, 1 visiting, 2 done
	var visit func(t *Table)
	visit = func(t *Table) {
		state[t.Name] = 1
		for _, fk := range t.ForeignKeys {
			dep := byName[fk.RefTable]
			switch {
			case dep == nil || dep == t:
			case state[dep.Name] == 1:
				forward[fkKey(t, fk)] = true
			case state[dep.Name] == 0:
				visit(dep)
			}
		}
		state[t.Name] = 2
		ordered = append(ordered, t)
	}
	for _, n := range names {
		if state[n] == 0 {
			visit(byName[n])
		}
	}
	return ordered, forward
}

// fkKey identifies a foreign key across tables in the forward set.
func fkKey(t *Table, fk *ForeignKey) string { return fk.Name + "\x00" + t.Name }

func reversed[T any](s []T) []T {
	out := make([]T, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}
