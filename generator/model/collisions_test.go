package model

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

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
