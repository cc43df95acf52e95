package migrate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/model"
)

var dialects = []string{sqlite, postgres}

func orders(fields ...*model.Field) *Schema {
	base := []*model.Field{field("number", "string")}
	return FromModel(project(resource("orders", append(base, fields...)...)))
}

func TestDiffNames(t *testing.T) {
	products := resource("products", field("sku", "string"))
	withProducts := FromModel(project(resource("orders", field("number", "string")), products))
	many := FromModel(project(resource("a"), resource("b"), resource("c"), resource("d")))
	for _, tc := range []struct {
		name       string
		prev, next *Schema
		want       string
	}{
		{"init", nil, orders(), "init"},
		{"add column", orders(), orders(field("note", "text", optional)), "add_orders_note"},
		{"drop column", orders(field("note", "text", optional)), orders(), "drop_orders_note"},
		{"change column", orders(field("note", "text", optional)), orders(field("note", "text")), "change_orders"},
		{"two columns", orders(), orders(field("a", "int", optional), field("b", "int", optional)), "change_orders"},
		{"create table", orders(), withProducts, "create_products"},
		{"drop table", withProducts, orders(), "drop_products"},
		{"several", orders(), FromModel(project(resource("orders", field("number", "string"), field("x", "bool", optional)), products)), "create_products_add_orders_x"},
		{"too many", orders(), many, "update_schema"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, d := range dialects {
				m, err := Diff(tc.prev, tc.next, d)
				if err != nil || m == nil {
					t.Fatalf("%s: %v, %v", d, m, err)
				}
				if m.Name != tc.want {
					t.Errorf("%s: name %q, want %q", d, m.Name, tc.want)
				}
			}
		})
	}
	m, _ := Diff(orders(), orders(field("note", "text", optional)), sqlite)
	if got := m.FileName(7); got != "00007_add_orders_note.sql" {
		t.Errorf("FileName = %q", got)
	}
}

func TestDiffNoChange(t *testing.T) {
	s := steps()
	for _, tc := range []struct {
		name       string
		prev, next *Schema
	}{
		{"same", s[2], s[2]},
		{"empty", nil, &Schema{}},
		{"table order", s[4], &Schema{Tables: reversed(s[4].clone().Tables)}},
		// Logical changes that both dialects spell the same.
		{"string to text", orders(field("note", "string")), orders(field("note", "text"))},
		{"int to bigint", orders(field("n", "int")), orders(field("n", "bigint"))},
		{"enum order", orders(field("st", "", enum("a", "b"))), orders(field("st", "", enum("b", "a")))},
	} {
		for _, d := range dialects {
			if m, err := Diff(tc.prev, tc.next, d); m != nil || err != nil {
				t.Errorf("%s/%s: Diff = %+v, %v; want nil", tc.name, d, m, err)
			}
		}
	}
	if orders(field("note", "string")).Equal(orders(field("note", "text"))) {
		t.Error("Equal ignores a logical type change; the caller would not store the new snapshot")
	}
}

func TestDiffDeterministic(t *testing.T) {
	s := steps()
	for _, d := range dialects {
		var prev *Schema
		for i, next := range s {
			a, _ := Diff(prev, next, d)
			shuffled := next.clone()
			shuffled.Tables = reversed(shuffled.Tables)
			for _, tb := range shuffled.Tables {
				tb.Indexes = reversed(tb.Indexes)
			}
			b, _ := Diff(prev, shuffled, d)
			if !bytes.Equal(a.Render(), b.Render()) || a.Name != b.Name {
				t.Errorf("%s step %d: Diff depends on input order", d, i)
			}
			prev = next
		}
	}
}

func TestDiffDestructive(t *testing.T) {
	s := steps()
	want := [][]string{
		nil,
		{"drop column customers.phone (its data is lost)"},
		{"narrow orders.total from decimal to float"},
		{"drop column customers.best_product_id", "remove enum values paid from orders.status", "narrow orders.code from string to enum", "drop table products (all its rows are lost)"},
		{"add NOT NULL column categories.created_at without a default (fails if categories has rows; give it a default or make it optional)", "add NOT NULL column categories.updated_at"},
	}
	for _, d := range dialects {
		var prev *Schema
		for i, next := range s {
			m, _ := Diff(prev, next, d)
			if len(m.Destructive) != len(want[i]) {
				t.Errorf("%s step %d: destructive = %q, want %q", d, i, m.Destructive, want[i])
			} else {
				for j, w := range want[i] {
					if !strings.HasPrefix(m.Destructive[j], w) {
						t.Errorf("%s step %d: destructive[%d] = %q, want prefix %q", d, i, j, m.Destructive[j], w)
					}
				}
			}
			prev = next
		}
	}
	for _, tc := range []struct {
		name       string
		prev, next *Schema
		want       string
	}{
		{"not null without default", orders(field("n", "int", optional)), orders(field("n", "int")), "make orders.n NOT NULL without a default (fails if a row holds NULL; give it a default or keep it optional)"},
		{"not null with default", orders(field("n", "int", optional)), orders(field("n", "int", dflt("1"))), ""},
		{"add not null with default", orders(), orders(field("n", "int", dflt("1"))), ""},
		{"add optional", orders(), orders(field("n", "int", optional)), ""},
		{"widen int", orders(field("n", "int")), orders(field("n", "float")), ""},
		{"to text", orders(field("n", "float")), orders(field("n", "text")), ""},
		{"enum gains", orders(field("st", "", enum("a"))), orders(field("st", "", enum("a", "b"))), ""},
		{"enum to string", orders(field("st", "", enum("a"))), orders(field("st", "string")), ""},
		{"float to int", orders(field("n", "float")), orders(field("n", "int")), "narrow orders.n from float to int"},
		{"text to int", orders(field("n", "text")), orders(field("n", "int")), "narrow orders.n from text to int"},
	} {
		for _, d := range dialects {
			m, err := Diff(tc.prev, tc.next, d)
			if err != nil || m == nil {
				t.Fatalf("%s/%s: %v, %v", tc.name, d, m, err)
			}
			got := strings.Join(m.Destructive, "; ")
			if (tc.want == "") != (got == "") || !strings.HasPrefix(got, tc.want) {
				t.Errorf("%s/%s: destructive %q, want %q", tc.name, d, got, tc.want)
			}
		}
	}
}

func TestDiffErrors(t *testing.T) {
	if _, err := Diff(nil, orders(), "mysql"); err == nil || !strings.Contains(err.Error(), `unknown dialect "mysql"`) {
		t.Errorf("err = %v", err)
	}
	bad := orders(field("customer_id", "uuid"))
	bad.Tables[0].ForeignKeys = []*ForeignKey{{Name: "x", Column: "customer_id", RefTable: "customers", RefColumn: "id"}}
	if _, err := Diff(nil, bad, sqlite); err == nil || !strings.Contains(err.Error(), "orders.customer_id references unknown table customers") {
		t.Errorf("err = %v", err)
	}
}

func TestRender(t *testing.T) {
	m, _ := Diff(orders(field("note", "text", optional)), orders(field("code", "string", dflt("a;\nb"))), postgres)
	got := string(m.Render())
	want := `-- This migration was allowed to destroy data:
--   drop column orders.note (its data is lost)

-- +goose Up
ALTER TABLE orders DROP COLUMN note;
-- +goose StatementBegin
ALTER TABLE orders ADD COLUMN code TEXT NOT NULL DEFAULT 'a;
b';
-- +goose StatementEnd

-- +goose Down
ALTER TABLE orders DROP COLUMN code;
ALTER TABLE orders ADD COLUMN note TEXT;
`
	if got != want {
		t.Errorf("Render:\n%s\nwant:\n%s", got, want)
	}
	up, down := migrateFile(t, m)
	if len(up) != 2 || len(down) != 2 {
		t.Errorf("goose split: %q %q", up, down)
	}
}
