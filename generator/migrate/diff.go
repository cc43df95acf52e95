package migrate

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Migration is one goose migration: the statements that take the database
// from the previous schema to the next (Up) and back (Down).
type Migration struct {
	// Name is a short snake_case summary for the file name: "init",
	// "create_products", "drop_products", "add_orders_note",
	// "drop_orders_note", "change_orders", several joined with "_", or
	// "update_schema" when that would be too long.
	Name string
	// Up and Down are the statements without their terminating semicolon.
	// Down undoes Up in reverse order (it is the diff from next to prev).
	Up, Down []string
	// Destructive describes each Up step that can lose data or fail on a
	// populated table; the caller refuses the migration unless the user
	// allows it.
	Destructive []string
}

// FileName is the goose file name of the migration with sequence number
// seq: "00002_add_orders_note.sql".
func (m *Migration) FileName(seq int) string { return fmt.Sprintf("%05d_%s.sql", seq, m.Name) }

// Diff computes the migration from prev to next for dialect ("sqlite" or
// "postgres"). prev nil means an empty database. It returns nil when the
// database needs no statement (also for changes that are only logical, such
// as string→text, which are both TEXT; compare snapshots with Equal to know
// whether to store a new one).
func Diff(prev, next *Schema, dialect string) (*Migration, error) {
	if dialect != sqlite && dialect != postgres {
		return nil, fmt.Errorf("migrate: unknown dialect %q (want sqlite or postgres)", dialect)
	}
	prev, next = orEmpty(prev).clone(), orEmpty(next).clone()
	prev.normalize()
	next.normalize()
	for _, s := range []*Schema{prev, next} {
		if err := s.validate(); err != nil {
			return nil, err
		}
	}
	up := compare(prev, next, dialect)
	stmts := up.plan()
	if len(stmts) == 0 {
		return nil, nil
	}
	return &Migration{
		Name:        up.name(),
		Up:          stmts,
		Down:        compare(next, prev, dialect).plan(),
		Destructive: up.destructive(),
	}, nil
}

// validate catches snapshots no database can hold.
func (s *Schema) validate() error {
	seen := map[string]bool{}
	for _, t := range s.Tables {
		if seen[t.Name] {
			return fmt.Errorf("migrate: table %s defined twice", t.Name)
		}
		seen[t.Name] = true
	}
	for _, t := range s.Tables {
		for _, fk := range t.ForeignKeys {
			if s.table(fk.RefTable) == nil && !slices.Contains(s.External, fk.RefTable) {
				return fmt.Errorf("migrate: %s.%s references unknown table %s", t.Name, fk.Column, fk.RefTable)
			}
			if t.column(fk.Column) == nil {
				return fmt.Errorf("migrate: foreign key %s names unknown column %s.%s", fk.Name, t.Name, fk.Column)
			}
		}
	}
	return nil
}

// schemaDiff is what changed between two schemas, for one dialect.
type schemaDiff struct {
	dialect          string
	prev, next       *Schema
	created, dropped []*Table
	altered          []*tableDiff
}

// tableDiff is what changed in a table present on both sides. Named
// objects whose definition changed appear as dropped and added.
type tableDiff struct {
	prev, next              *Table
	added, dropped          []*Column
	changed                 []colChange
	addFKs, dropFKs         []*ForeignKey
	addUniques, dropUniques []*Unique
	addIndexes, dropIndexes []*Index
}

// colChange is a column whose SQL definition changed in the dialect.
type colChange struct{ prev, next *Column }

func compare(prev, next *Schema, dialect string) *schemaDiff {
	d := &schemaDiff{dialect: dialect, prev: prev, next: next}
	for _, t := range next.Tables {
		if prev.table(t.Name) == nil {
			d.created = append(d.created, t)
		}
	}
	for _, t := range prev.Tables {
		n := next.table(t.Name)
		if n == nil {
			d.dropped = append(d.dropped, t)
			continue
		}
		if td := compareTable(t, n, dialect); !td.empty() {
			d.altered = append(d.altered, td)
		}
	}
	return d
}

func compareTable(prev, next *Table, dialect string) *tableDiff {
	td := &tableDiff{prev: prev, next: next}
	for _, c := range next.Columns {
		p := prev.column(c.Name)
		switch {
		case p == nil:
			td.added = append(td.added, c)
		case sqlChanged(p, c, dialect):
			td.changed = append(td.changed, colChange{p, c})
		}
	}
	for _, c := range prev.Columns {
		if next.column(c.Name) == nil {
			td.dropped = append(td.dropped, c)
		}
	}
	td.addFKs, td.dropFKs = diffNamed(prev.ForeignKeys, next.ForeignKeys, func(f *ForeignKey) string {
		return f.Name + " " + f.Column + " " + f.RefTable + " " + f.RefColumn
	})
	td.addUniques, td.dropUniques = diffNamed(prev.Uniques, next.Uniques, func(u *Unique) string {
		return u.Name + " " + strings.Join(u.Columns, ",")
	})
	td.addIndexes, td.dropIndexes = diffNamed(prev.Indexes, next.Indexes, func(ix *Index) string {
		return ix.Name + " " + strings.Join(ix.Columns, ",")
	})
	return td
}

// diffNamed returns the objects only in next (to add) and only in prev (to
// drop), comparing whole definitions so that a changed one is both.
func diffNamed[T any](prev, next []T, key func(T) string) (add, drop []T) {
	in := func(list []T, k string) bool {
		return slices.ContainsFunc(list, func(x T) bool { return key(x) == k })
	}
	for _, x := range next {
		if !in(prev, key(x)) {
			add = append(add, x)
		}
	}
	for _, x := range prev {
		if !in(next, key(x)) {
			drop = append(drop, x)
		}
	}
	return add, drop
}

func (td *tableDiff) empty() bool {
	return len(td.added)+len(td.dropped)+len(td.changed)+len(td.addFKs)+len(td.dropFKs)+
		len(td.addUniques)+len(td.dropUniques)+len(td.addIndexes)+len(td.dropIndexes) == 0
}

// sqlChanged reports whether the column's definition differs in SQL.
// Logical changes that the dialect spells the same (string→text,
// int→bigint) need no statement.
func sqlChanged(p, n *Column, dialect string) bool {
	return sqlType(p.Type, dialect) != sqlType(n.Type, dialect) || p.Nullable != n.Nullable ||
		p.Default != n.Default || p.PrimaryKey != n.PrimaryKey || checkChanged(p, n)
}

// checkChanged compares enum CHECKs as sets: reordering the values of an
// enum in the spec changes nothing in the database.
func checkChanged(p, n *Column) bool {
	if (p.Type == "enum") != (n.Type == "enum") {
		return true
	}
	a, b := slices.Clone(p.Enum), slices.Clone(n.Enum)
	sort.Strings(a)
	sort.Strings(b)
	return !slices.Equal(slices.Compact(a), slices.Compact(b))
}

func (d *schemaDiff) plan() []string {
	if d.dialect == sqlite {
		return d.sqlitePlan()
	}
	return d.postgresPlan()
}

// name summarises the change for the file name.
func (d *schemaDiff) name() string {
	if len(d.prev.Tables) == 0 {
		return "init"
	}
	var parts []string
	for _, t := range d.created {
		parts = append(parts, "create_"+t.Name)
	}
	for _, td := range d.altered {
		t := td.next.Name
		addOnly := len(td.added) == 1 && len(td.dropped)+len(td.changed)+len(td.dropFKs)+len(td.dropUniques)+len(td.dropIndexes) == 0
		dropOnly := len(td.dropped) == 1 && len(td.added)+len(td.changed)+len(td.addFKs)+len(td.addUniques)+len(td.addIndexes) == 0
		switch {
		case addOnly:
			parts = append(parts, "add_"+t+"_"+td.added[0].Name)
		case dropOnly:
			parts = append(parts, "drop_"+t+"_"+td.dropped[0].Name)
		default:
			parts = append(parts, "change_"+t)
		}
	}
	for _, t := range d.dropped {
		parts = append(parts, "drop_"+t.Name)
	}
	name := sanitize(strings.Join(parts, "_"))
	if len(parts) > 3 || len(name) > 60 {
		return "update_schema"
	}
	return name
}

func sanitize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
