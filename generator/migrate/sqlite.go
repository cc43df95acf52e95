package migrate

import (
	"fmt"
	"sort"
	"strings"
)

// SQLite can only add, drop and rename columns in place. Every other
// change goes through the table rebuild that the SQLite documentation
// describes (https://www.sqlite.org/lang_altertable.html#otheralter):
// create the new definition under a temporary name, copy the rows, drop the
// old table, rename the new one and recreate its indexes.
//
// Generated projects open SQLite with foreign_keys=ON, and goose runs each
// migration in one transaction, where PRAGMA foreign_keys cannot change.
// With enforcement on, dropping a table that other rows reference fails.
// Instead of a NO TRANSACTION migration (unsafe: the statements could run
// on different pooled connections, and a failure would leave a half-built
// schema), the migration stays transactional and:
//   - sets PRAGMA defer_foreign_keys=ON, which is allowed inside a
//     transaction and resets at COMMIT: violations are counted and only
//     checked at COMMIT, when the data is consistent again;
//   - rebuilds, together with a table, every existing table that references
//     it, pointing the copies at each other's temporary names. A table
//     still referencing the dropped original would keep its violations
//     counted (a rename resolves none), so COMMIT would fail; dropping the
//     referencing originals resolves them, and renaming the copies makes
//     SQLite rewrite their references to the final names.
//
// This relies on the migration running in one transaction, as goose runs
// it: outside one, every statement would be checked on its own.

const rebuildSuffix = "__new"

// deferFKs is the first statement of a SQLite migration that drops or
// rebuilds a table.
const deferFKs = "PRAGMA defer_foreign_keys = ON"

func (d *schemaDiff) sqlitePlan() []string {
	var out []string
	created, _ := order(d.created) // SQLite accepts references to later tables
	for _, t := range created {
		out = append(out, createTable(t.Name, t, sqlite, nil, nil))
		out = append(out, tableIndexes(t, sqlite)...)
	}

	rebuild := map[string]bool{}
	for _, td := range d.altered {
		if td.needsRebuild() {
			rebuild[td.next.Name] = true
		}
	}
	// Close over the tables that reference a rebuilt one in the database
	// as it is now (prev): see the comment at the top of this file.
	for grew := true; grew; {
		grew = false
		for _, t := range d.prev.Tables {
			if rebuild[t.Name] || d.next.table(t.Name) == nil {
				continue
			}
			for _, fk := range t.ForeignKeys {
				if rebuild[fk.RefTable] {
					rebuild[t.Name], grew = true, true
					break
				}
			}
		}
	}
	for _, td := range d.altered {
		if !rebuild[td.next.Name] {
			out = append(out, sqliteAlter(td)...)
		}
	}
	out = append(out, d.sqliteRebuild(rebuild)...)

	dropped, _ := order(d.dropped)
	for _, t := range reversed(dropped) {
		out = append(out, "DROP TABLE "+q(t.Name))
	}
	if len(rebuild) > 0 || len(d.dropped) > 0 {
		out = append([]string{deferFKs}, out...)
	}
	return out
}

// needsRebuild reports whether the change is beyond ALTER TABLE ADD/DROP
// COLUMN and CREATE/DROP INDEX.
func (td *tableDiff) needsRebuild() bool {
	if len(td.changed) > 0 || len(td.dropFKs) > 0 {
		return true // column definitions and constraints are fixed at CREATE
	}
	added := map[string]*Column{}
	for _, c := range td.added {
		// ADD COLUMN needs a usable default for NOT NULL, and a NULL
		// default for a REFERENCES column.
		fk := td.next.fkOn(c.Name)
		if c.PrimaryKey || (!c.Nullable && c.Default == "") || (fk != nil && (!c.Nullable || c.Default != "")) {
			return true
		}
		added[c.Name] = c
	}
	for _, fk := range td.addFKs {
		if added[fk.Column] == nil {
			return true // a reference on an existing column
		}
	}
	for _, c := range td.dropped {
		if c.PrimaryKey {
			return true // DROP COLUMN refuses key columns (references were handled above)
		}
	}
	return false
}

// sqliteAlter changes a table in place. Indexes using a dropped column go
// first: DROP COLUMN refuses an indexed column.
func sqliteAlter(td *tableDiff) []string {
	t := td.next
	var out []string
	for _, u := range td.dropUniques {
		out = append(out, dropUniqueStmt(t, u, sqlite))
	}
	for _, ix := range td.dropIndexes {
		out = append(out, "DROP INDEX "+q(ix.Name))
	}
	for _, c := range td.dropped {
		out = append(out, fmt.Sprintf("ALTER TABLE %s DROP COLUMN %s", q(t.Name), q(c.Name)))
	}
	for _, c := range td.added {
		out = append(out, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s", q(t.Name), columnDef(t, c, t.fkOn(c.Name), sqlite)))
	}
	for _, u := range td.addUniques {
		out = append(out, uniqueStmt(t, u, sqlite))
	}
	for _, ix := range td.addIndexes {
		out = append(out, createIndex(t, ix))
	}
	return out
}

// sqliteRebuild rebuilds the named tables together (see the top of this
// file): copies are created and filled parents first, originals dropped
// children first, then the copies take the original names.
func (d *schemaDiff) sqliteRebuild(names map[string]bool) []string {
	if len(names) == 0 {
		return nil
	}
	var tables []*Table
	for n := range names {
		tables = append(tables, d.next.table(n))
	}
	sort.Slice(tables, func(i, j int) bool { return tables[i].Name < tables[j].Name })
	tables, _ = order(tables)
	tmp := func(ref string) string {
		if names[ref] {
			return ref + rebuildSuffix
		}
		return ref
	}
	var out []string
	for _, t := range tables {
		out = append(out, createTable(t.Name+rebuildSuffix, t, sqlite, tmp, nil))
	}
	for _, t := range tables {
		out = append(out, copyRows(d.prev.table(t.Name), t))
	}
	for _, t := range reversed(tables) {
		out = append(out, "DROP TABLE "+q(t.Name))
	}
	for _, t := range tables {
		out = append(out, fmt.Sprintf("ALTER TABLE %s RENAME TO %s", q(t.Name+rebuildSuffix), q(t.Name)))
	}
	for _, t := range tables {
		out = append(out, tableIndexes(t, sqlite)...)
	}
	return out
}

// copyRows copies the columns both definitions share. A column becoming
// NOT NULL takes its default where it was NULL; values of a retyped column
// are converted by the new column's type affinity.
func copyRows(prev, next *Table) string {
	var cols, exprs []string
	for _, c := range next.Columns {
		p := prev.column(c.Name)
		if p == nil {
			continue
		}
		cols = append(cols, q(c.Name))
		if p.Nullable && !c.Nullable && c.Default != "" {
			exprs = append(exprs, fmt.Sprintf("COALESCE(%s, %s)", q(c.Name), c.Default))
		} else {
			exprs = append(exprs, q(c.Name))
		}
	}
	return fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s",
		q(next.Name+rebuildSuffix), strings.Join(cols, ", "), strings.Join(exprs, ", "), q(prev.Name))
}
