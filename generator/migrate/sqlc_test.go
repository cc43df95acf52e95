package migrate

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/codegen"
	"github.com/gobackend/gobackend/generator/files"
)

// TestSQLC feeds the whole chain of migrations to sqlc, which reads them as
// the schema (Up sections only), and checks that the generated models have
// the final columns with their final types.
func TestSQLC(t *testing.T) {
	for _, tc := range []struct {
		dialect, engine string
		want            map[string][]string
	}{
		{sqlite, "sqlite", map[string][]string{
			"Order": {"ID string", "CustomerID sql.NullString", "Number string", "Status string", "Total float64",
				"Note string", "Order sql.NullString", "PlacedAt sql.NullTime", "Priority sql.NullInt64", "Code string",
				"ProductID sql.NullString", "CreatedAt time.Time", "UpdatedAt time.Time"},
			"Customer": {"ID string", "Name string", "Email string", "Vip bool", "CreatedAt time.Time", "UpdatedAt time.Time"},
			"Category": {"ID string", "Title string", "ParentID sql.NullString", "CreatedAt time.Time", "UpdatedAt time.Time"},
			"Book":     {"ID string", "Title string", "AuthorID string", "CreatedAt time.Time", "UpdatedAt time.Time"},
		}},
		{postgres, "postgresql", map[string][]string{
			"Order": {"ID uuid.UUID", "CustomerID uuid.NullUUID", "Number string", "Status string", "Total float64",
				"Note string", "Order sql.NullString", "PlacedAt sql.NullTime", "Priority sql.NullInt64", "Code string",
				"ProductID uuid.NullUUID", "CreatedAt time.Time", "UpdatedAt time.Time"},
			"Customer": {"ID uuid.UUID", "Name string", "Email string", "Vip bool", "CreatedAt time.Time", "UpdatedAt time.Time"},
			"Category": {"ID uuid.UUID", "Title string", "ParentID uuid.NullUUID", "CreatedAt time.Time", "UpdatedAt time.Time"},
			"Book":     {"ID uuid.UUID", "Title string", "AuthorID uuid.UUID", "CreatedAt time.Time", "UpdatedAt time.Time"},
		}},
	} {
		t.Run(tc.dialect, func(t *testing.T) {
			yaml := "version: \"2\"\nsql:\n  - engine: " + tc.engine + "\n    schema: internal/db/migrations\n    queries: internal/db/queries\n    gen:\n      go:\n        package: store\n        out: internal/db/store\n"
			in := []files.File{{Path: "sqlc.yaml", Data: []byte(yaml), Class: files.Generated}}
			var prev *Schema
			for i, next := range steps() {
				m, err := Diff(prev, next, tc.dialect)
				if err != nil {
					t.Fatal(err)
				}
				in = append(in, files.File{Path: "internal/db/migrations/" + m.FileName(i+1), Data: m.Render(), Class: files.Migration})
				prev = next
			}
			var queries strings.Builder
			for _, tbl := range prev.Tables {
				fmt.Fprintf(&queries, "-- name: List%s :many\nSELECT * FROM %s;\n\n", tbl.Name, tbl.Name)
			}
			in = append(in, files.File{Path: "internal/db/queries/all.sql", Data: []byte(queries.String()), Class: files.Generated})

			out, err := codegen.SQLC{}.Generate(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(out, func(f files.File) bool { return f.Path == "internal/db/store/models.go" })
			if i < 0 {
				t.Fatalf("no models.go in %d outputs", len(out))
			}
			structs := structFields(t, out[i].Data)
			for typ, fields := range tc.want {
				got := structs[typ]
				slices.Sort(got)
				want := slices.Clone(fields)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("%s fields:\n got %q\nwant %q", typ, got, want)
				}
			}
			if _, ok := structs["Product"]; ok {
				t.Error("sqlc still knows the dropped table products")
			}
			if _, ok := structs["Author"]; !ok {
				t.Errorf("no Author model: %v", structs)
			}
		})
	}
}

// structFields lists each struct's fields as "Name Type".
func structFields(t *testing.T, src []byte) map[string][]string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "models.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok {
			return true
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			return false
		}
		out[ts.Name.Name] = []string{}
		for _, fld := range st.Fields.List {
			var b bytes.Buffer
			printer.Fprint(&b, fset, fld.Type)
			for _, name := range fld.Names {
				out[ts.Name.Name] = append(out[ts.Name.Name], name.Name+" "+b.String())
			}
		}
		return false
	})
	return out
}
