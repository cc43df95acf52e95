package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gobackend/gobackend/generator/naming"
	"github.com/gobackend/gobackend/templates"
)

// Every table a template migration creates is reserved, so the list in
// collisions.go cannot fall behind the templates: crud's for every project,
// a feature's when it is on.
func TestReservedTablesCoverTheTemplates(t *testing.T) {
	create := regexp.MustCompile(`(?m)^CREATE TABLE (\w+)`)
	found := 0
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(p, "/internal/db/migrations/") || !strings.HasSuffix(p, ".sql.tmpl") {
			return err
		}
		data, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		module := strings.SplitN(p, "/", 2)[0]
		feature := module
		if module == "crud" || module == "base" {
			feature = ""
		}
		for _, m := range create.FindAllStringSubmatch(string(data), -1) {
			found++
			if !slices.Contains(reservedTables[feature], m[1]) {
				t.Errorf("%s creates table %s, which reservedTables[%q] does not list", path.Base(p), m[1], feature)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("no CREATE TABLE found in the templates: the walk is broken")
	}
}

// Every exported name the api package declares whatever the spec says is
// reserved: taken from a golden project, minus the names derived from its
// spec (schemas, parameters, responses, operations).
func TestReservedGoTypesCoverTheAPIPackage(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "golden", "accounts-sqlite", "internal", "api")
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join(dir, "openapi.gen.json"))
	if err != nil {
		t.Fatal(err)
	}
	var derived []string // prefixes of the names the spec accounts for
	for name := range doc.Components.Schemas {
		derived = append(derived, naming.OapiField(name))
	}
	for name := range doc.Components.Parameters {
		derived = append(derived, naming.OapiField(name))
	}
	for name := range doc.Components.Responses {
		derived = append(derived, naming.OapiField(name))
	}
	for p, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			derived = append(derived, oapiOperationName(method, p, op.OperationID))
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.gen.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated Go in %s (%v)", dir, err)
	}
	for _, file := range files {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			var names []string
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					names = append(names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok {
						names = append(names, ts.Name.Name)
					}
				}
			}
			for _, name := range names {
				fromSpec := slices.ContainsFunc(derived, func(prefix string) bool { return strings.HasPrefix(name, prefix) })
				if ast.IsExported(name) && !fromSpec && !slices.Contains(reservedGoTypes, name) {
					t.Errorf("%s declares %s, which reservedGoTypes does not list", filepath.Base(file), name)
				}
			}
		}
	}
}
