package migrate

import "fmt"

// PostgreSQL alters tables in place: every change has an ALTER TABLE, all
// of it is transactional, and constraints are named so they can be dropped.

func (d *schemaDiff) postgresPlan() []string {
	var out []string

	// New tables first: altered tables may gain references to them.
	// References inside a cycle of new tables are added once all exist.
	created, forward := order(d.created)
	for _, t := range created {
		skip := map[string]bool{}
		for _, fk := range t.ForeignKeys {
			skip[fk.Name] = forward[fkKey(t, fk)]
		}
		out = append(out, createTable(t.Name, t, postgres, nil, skip))
		out = append(out, tableIndexes(t, postgres)...)
	}
	for _, t := range created {
		for _, fk := range t.ForeignKeys {
			if forward[fkKey(t, fk)] {
				out = append(out, addFKStmt(t, fk))
			}
		}
	}

	for _, td := range d.altered {
		out = append(out, pgAlter(td)...)
	}

	// Dropped tables last, referencing tables first; a kept table lost its
	// reference to them above. A cycle is cut by dropping a reference.
	dropped, forward := order(d.dropped)
	for _, t := range dropped {
		for _, fk := range t.ForeignKeys {
			if forward[fkKey(t, fk)] {
				out = append(out, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", q(t.Name), q(fk.Name)))
			}
		}
	}
	for _, t := range reversed(dropped) {
		out = append(out, "DROP TABLE "+q(t.Name))
	}
	return out
}

// pgAlter changes one table: drop what goes (constraints before the
// columns they use), alter columns, add columns, then add constraints and
// indexes that may use the new columns.
func pgAlter(td *tableDiff) []string {
	t := td.next
	T := "ALTER TABLE " + q(t.Name)
	var out []string
	for _, fk := range td.dropFKs {
		out = append(out, T+" DROP CONSTRAINT "+q(fk.Name))
	}
	for _, u := range td.dropUniques {
		out = append(out, dropUniqueStmt(t, u, postgres))
	}
	for _, ix := range td.dropIndexes {
		out = append(out, "DROP INDEX "+q(ix.Name))
	}
	// An enum CHECK is replaced as a whole: dropped before the type or
	// value set changes, added back after.
	for _, cc := range td.changed {
		if checkExpr(cc.prev) != "" && checkDirty(cc) {
			out = append(out, T+" DROP CONSTRAINT "+q(CheckName(t.Name, cc.prev.Name)))
		}
	}
	for _, c := range td.dropped {
		out = append(out, T+" DROP COLUMN "+q(c.Name))
	}
	for _, cc := range td.changed {
		out = append(out, pgAlterColumn(t, cc)...)
	}
	for _, c := range td.added {
		out = append(out, T+" ADD COLUMN "+columnDef(t, c, nil, postgres))
	}
	for _, u := range td.addUniques {
		out = append(out, uniqueStmt(t, u, postgres))
	}
	for _, ix := range td.addIndexes {
		out = append(out, createIndex(t, ix))
	}
	for _, fk := range td.addFKs {
		out = append(out, addFKStmt(t, fk))
	}
	return out
}

func checkDirty(cc colChange) bool {
	return checkChanged(cc.prev, cc.next) || sqlType(cc.prev.Type, postgres) != sqlType(cc.next.Type, postgres)
}

func pgAlterColumn(t *Table, cc colChange) []string {
	p, n := cc.prev, cc.next
	A := fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s", q(t.Name), q(n.Name))
	from, to := sqlType(p.Type, postgres), sqlType(n.Type, postgres)
	retyped := from != to
	var out []string
	// The old default may not cast to the new type: drop it first.
	if p.Default != "" && (n.Default == "" || retyped) {
		out = append(out, A+" DROP DEFAULT")
	}
	if retyped {
		out = append(out, fmt.Sprintf("%s TYPE %s USING %s", A, to, pgUsing(n.Name, from, to)))
	}
	if n.Default != "" && (p.Default != n.Default || retyped) {
		out = append(out, A+" SET DEFAULT "+n.Default)
	}
	switch {
	case p.Nullable && !n.Nullable:
		// With a default, existing NULLs take it instead of failing the
		// migration; without one this step is listed as destructive.
		if n.Default != "" {
			out = append(out, fmt.Sprintf("UPDATE %s SET %s = %s WHERE %s IS NULL", q(t.Name), q(n.Name), n.Default, q(n.Name)))
		}
		out = append(out, A+" SET NOT NULL")
	case !p.Nullable && n.Nullable:
		out = append(out, A+" DROP NOT NULL")
	}
	if e := checkExpr(n); e != "" && checkDirty(cc) {
		out = append(out, fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s)", q(t.Name), q(CheckName(t.Name, n.Name)), e))
	}
	return out
}

// pgUsing converts the old value to the new type. A plain cast covers every
// pair PostgreSQL can cast; boolean has no cast to or from bigint, numeric
// or double precision, so it goes through a CASE or a comparison.
func pgUsing(col, from, to string) string {
	c := q(col)
	numeric := func(t string) bool { return t == "BIGINT" || t == "NUMERIC" || t == "DOUBLE PRECISION" }
	switch {
	case from == "BOOLEAN" && numeric(to):
		return fmt.Sprintf("CASE WHEN %s THEN 1 ELSE 0 END", c)
	case numeric(from) && to == "BOOLEAN":
		return fmt.Sprintf("%s <> 0", c)
	}
	return c + "::" + to
}
