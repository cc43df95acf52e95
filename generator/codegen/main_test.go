package codegen

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/files"
)

// TestMain lets the test binary serve as its own sqlc child (SQLC's default
// Command is os.Executable() + ChildCommand).
func TestMain(m *testing.M) {
	MaybeRunChild()
	os.Exit(m.Run())
}

// decls is what the tests look at in a generated Go file: declared type
// names, struct fields as "Name Type", interface methods as "Name(params)
// results", and functions/methods by name.
type decls struct {
	types   map[string]bool
	fields  map[string][]string
	methods map[string][]string
	funcs   map[string]bool
}

func parseDecls(t *testing.T, name string, src []byte) decls {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	expr := func(e ast.Expr) string {
		var b bytes.Buffer
		_ = printer.Fprint(&b, fset, e)
		return b.String()
	}
	d := decls{types: map[string]bool{}, fields: map[string][]string{}, methods: map[string][]string{}, funcs: map[string]bool{}}
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			d.funcs[decl.Name.Name] = true
		case *ast.GenDecl:
			for _, spec := range decl.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok {
					continue
				}
				d.types[ts.Name.Name] = true
				switch typ := ts.Type.(type) {
				case *ast.StructType:
					for _, fld := range typ.Fields.List {
						for _, n := range fld.Names {
							d.fields[ts.Name.Name] = append(d.fields[ts.Name.Name], n.Name+" "+expr(fld.Type))
						}
					}
				case *ast.InterfaceType:
					for _, m := range typ.Methods.List {
						for _, n := range m.Names {
							sig := strings.TrimPrefix(expr(m.Type), "func")
							d.methods[ts.Name.Name] = append(d.methods[ts.Name.Name], n.Name+sig)
						}
					}
				}
			}
		}
	}
	return d
}

// assertHeader checks that data starts with our header and carries no tool
// header or tool version.
func assertHeader(t *testing.T, name string, data []byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(files.GoHeader+"\n")) {
		first, _, _ := strings.Cut(string(data), "\n")
		t.Errorf("%s: first line %q, want %q", name, first, files.GoHeader)
	}
	if n := strings.Count(string(data), "DO NOT EDIT"); n != 1 {
		t.Errorf("%s: %d DO NOT EDIT markers, want 1", name, n)
	}
	for _, bad := range []string{"versions:", "sqlc v", "version v", "oapi-codegen/v2 version"} {
		if strings.Contains(string(data), bad) {
			t.Errorf("%s: still contains tool version text %q", name, bad)
		}
	}
}

func hasAll(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	set := map[string]bool{}
	for _, g := range got {
		set[g] = true
	}
	for _, w := range want {
		if !set[w] {
			t.Errorf("%s: missing %q; have:\n  %s", what, w, strings.Join(got, "\n  "))
		}
	}
}
