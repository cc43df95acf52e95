// Package migrate turns changes of the persisted model into goose
// migrations. The model recorded with the last migration is kept as a
// Schema snapshot (internal/db/schema.gen.json in a generated project); the
// next migration is Diff(snapshot, FromModel(current model)), rendered for
// the project's dialect with a working Down section.
package migrate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/gobackend/gobackend/generator/model"
)

// SchemaVersion is the format version of the JSON snapshot. Unmarshal
// refuses a newer one rather than silently diffing against a model it only
// half understands.
const SchemaVersion = 1

// Schema is the persisted shape of a project: what the database looks like
// after every migration so far has been applied. It is dialect-neutral:
// column types are the model's logical types, so one snapshot serves both
// SQLite and PostgreSQL and narrowing can be judged on meaning (text→string)
// rather than on SQL spelling (both are TEXT).
type Schema struct {
	Version int      `json:"version"`
	Tables  []*Table `json:"tables"` // sorted by name
	// External names tables that exist but that feature modules create in
	// migrations of their own (feature auth's users): tables here may
	// reference them, and no migration creates or drops them.
	External []string `json:"external,omitempty"`
}

// Table is one table. Columns keep model order (it is the CREATE TABLE
// order); the named objects are sorted by name.
type Table struct {
	Name        string        `json:"name"`
	Columns     []*Column     `json:"columns"`
	ForeignKeys []*ForeignKey `json:"foreign_keys,omitempty"`
	Uniques     []*Unique     `json:"uniques,omitempty"`
	Indexes     []*Index      `json:"indexes,omitempty"`
}

// Column is one column. An enum is stored as text with a CHECK constraint
// named CheckName(table, column) listing Enum.
type Column struct {
	Name       string   `json:"name"`
	Type       string   `json:"type"` // string text int bigint float decimal bool uuid time date json enum
	Enum       []string `json:"enum,omitempty"`
	Nullable   bool     `json:"nullable,omitempty"`
	Default    string   `json:"default,omitempty"` // SQL literal, valid in both dialects; "" for none
	PrimaryKey bool     `json:"primary_key,omitempty"`
}

// ForeignKey is a single-column reference to another table's id.
type ForeignKey struct {
	Name      string `json:"name"`
	Column    string `json:"column"`
	RefTable  string `json:"ref_table"`
	RefColumn string `json:"ref_column"`
}

// Unique is a unique constraint (PostgreSQL) or unique index (SQLite,
// where an index can be added and dropped without rebuilding the table).
type Unique struct {
	Name    string   `json:"name"`
	Columns []string `json:"columns"`
}

// Index is a plain (non-unique) index.
type Index struct {
	Name    string   `json:"name"`
	Columns []string `json:"columns"`
}

// Constraint and index names follow PostgreSQL's own defaults, so a
// database created by the old template (unnamed constraints) already has
// the names later migrations drop.

// CheckName is the name of an enum column's CHECK constraint.
func CheckName(table, column string) string { return table + "_" + column + "_check" }

func fkName(table, column string) string { return table + "_" + column + "_fkey" }

func uniqueName(table string, cols []string) string {
	return table + "_" + strings.Join(cols, "_") + "_key"
}

// FromModel records the persisted shape of p.
func FromModel(p *model.Project) *Schema {
	s := &Schema{Version: SchemaVersion}
	for _, r := range p.Resources {
		s.Tables = append(s.Tables, fromResource(r))
	}
	if p.Has("auth") {
		s.External = append(s.External, "users")
	}
	s.normalize()
	return s
}

func fromResource(r *model.Resource) *Table {
	t := &Table{Name: r.Table}
	idType := "uuid"
	if r.IDType == "bigint" {
		idType = "bigint"
	}
	t.Columns = append(t.Columns, &Column{Name: "id", Type: idType, PrimaryKey: true})
	if r.Owned {
		// Rows of an owned resource belong to a user of feature auth; the
		// generated queries scope every read and write to the caller.
		t.Columns = append(t.Columns, &Column{Name: "owner_id", Type: "uuid"})
		t.ForeignKeys = append(t.ForeignKeys, &ForeignKey{Name: fkName(r.Table, "owner_id"), Column: "owner_id", RefTable: "users", RefColumn: "id"})
	}
	for _, f := range r.Fields {
		c := &Column{Name: f.Name, Type: f.Type, Nullable: f.Nullable, Default: f.SQLDefault()}
		if f.Type == "enum" {
			c.Enum = slices.Clone(f.Enum)
		}
		t.Columns = append(t.Columns, c)
		if f.Ref != nil {
			t.ForeignKeys = append(t.ForeignKeys, &ForeignKey{Name: fkName(r.Table, f.Name), Column: f.Name, RefTable: f.Ref.Table, RefColumn: "id"})
		}
	}
	if r.Timestamps {
		t.Columns = append(t.Columns, &Column{Name: "created_at", Type: "time"}, &Column{Name: "updated_at", Type: "time"})
	}
	for _, g := range r.Uniques {
		cols := fieldNames(g)
		t.Uniques = append(t.Uniques, &Unique{Name: uniqueName(r.Table, cols), Columns: cols})
	}
	// The indexes the generated queries need, named as the init template
	// named them: references (joins, ON DELETE checks), manifest indexes,
	// keyset pagination per sort key (sort column, id), and filters not
	// already covered by a reference or unique index.
	add := func(name string, cols ...string) {
		for _, ix := range t.Indexes {
			if ix.Name == name {
				return // the same name always means the same columns here
			}
		}
		t.Indexes = append(t.Indexes, &Index{Name: name, Columns: cols})
	}
	if r.Owned {
		add(r.Table+"_owner_id_idx", "owner_id")
	}
	for _, f := range r.References() {
		add(r.Table+"_"+f.Name+"_idx", f.Name)
	}
	for _, g := range r.Indexes {
		cols := fieldNames(g)
		add(r.Table+"_"+strings.Join(cols, "_")+"_idx", cols...)
	}
	for _, s := range r.Sorts {
		if s.Field.Name != "id" {
			add(r.Table+"_"+s.Field.Name+"_id_idx", s.Field.Name, "id")
		}
	}
	for _, f := range r.Filters {
		if f.Ref == nil && !f.Unique && !f.Builtin {
			add(r.Table+"_"+f.Name+"_filter_idx", f.Name)
		}
	}
	return t
}

func fieldNames(fs []*model.Field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

// normalize sorts everything whose order carries no meaning, so that the
// snapshot and every diff built from it are deterministic.
func (s *Schema) normalize() {
	sort.Slice(s.Tables, func(i, j int) bool { return s.Tables[i].Name < s.Tables[j].Name })
	for _, t := range s.Tables {
		sort.Slice(t.ForeignKeys, func(i, j int) bool { return t.ForeignKeys[i].Name < t.ForeignKeys[j].Name })
		sort.Slice(t.Uniques, func(i, j int) bool { return t.Uniques[i].Name < t.Uniques[j].Name })
		sort.Slice(t.Indexes, func(i, j int) bool { return t.Indexes[i].Name < t.Indexes[j].Name })
	}
}

// Marshal is the snapshot as indented JSON with a trailing newline; equal
// schemas give equal bytes.
func (s *Schema) Marshal() []byte {
	c := s.clone()
	c.Version = SchemaVersion
	if c.Tables == nil {
		c.Tables = []*Table{}
	}
	c.normalize()
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		panic(err) // plain structs of strings and bools always marshal
	}
	return append(data, '\n')
}

// Unmarshal reads a snapshot written by Marshal.
func Unmarshal(data []byte) (*Schema, error) {
	s := &Schema{}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(s); err != nil {
		return nil, fmt.Errorf("schema snapshot: %w", err)
	}
	if s.Version > SchemaVersion {
		return nil, fmt.Errorf("schema snapshot: version %d is newer than this gobackend understands (%d); upgrade gobackend", s.Version, SchemaVersion)
	}
	seen := map[string]bool{}
	for _, t := range s.Tables {
		if t == nil || t.Name == "" || seen[t.Name] {
			return nil, fmt.Errorf("schema snapshot: missing or duplicate table name")
		}
		seen[t.Name] = true
		for _, c := range t.Columns {
			if c == nil || c.Name == "" || c.Type == "" {
				return nil, fmt.Errorf("schema snapshot: table %s: column without name or type", t.Name)
			}
		}
	}
	s.Version = SchemaVersion
	s.normalize()
	return s, nil
}

// Equal reports whether two snapshots describe the same schema. A logical
// change can need no SQL (text→string is TEXT in both dialects), so a
// caller that stores the snapshot should compare snapshots, not only ask
// Diff whether a migration is due.
func (s *Schema) Equal(o *Schema) bool {
	return bytes.Equal(orEmpty(s).Marshal(), orEmpty(o).Marshal())
}

func (s *Schema) clone() *Schema {
	var c Schema
	data, _ := json.Marshal(s)
	_ = json.Unmarshal(data, &c)
	return &c
}

func orEmpty(s *Schema) *Schema {
	if s == nil {
		return &Schema{Version: SchemaVersion}
	}
	return s
}

// table finds a table by name, or nil.
func (s *Schema) table(name string) *Table {
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func (t *Table) column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func (t *Table) fkOn(column string) *ForeignKey {
	for _, fk := range t.ForeignKeys {
		if fk.Column == column {
			return fk
		}
	}
	return nil
}
