package workspace

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/files"
)

const (
	apiPath   = "internal/api/api.gen.go"
	sqlcPath  = "sqlc.yaml"
	mainPath  = "cmd/server/main.go"
	migPath   = "internal/db/migrations/00001_init.sql"
	apiSource = files.GoHeader + "\n\npackage api\n\nfunc A() {}\n"
)

// project is a small but representative plan: generated files at the root
// and below, a scaffold file and a migration.
func project() []files.File {
	return []files.File{
		{Path: apiPath, Data: []byte(apiSource), Class: files.Generated},
		{Path: sqlcPath, Data: []byte(files.HashHeader + "\nversion: \"2\"\n"), Class: files.Generated},
		{Path: mainPath, Data: []byte("package main\n\nfunc main() {}\n"), Class: files.Scaffold},
		{Path: migPath, Data: []byte("-- +goose Up\nCREATE TABLE pets (id int);\n"), Class: files.Migration},
	}
}

func mustPlan(t *testing.T, dir string, plan []files.File) []Change {
	t.Helper()
	cs, err := Plan(dir, plan)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	return cs
}

// generate is what the `generate` command does: plan then apply.
func generate(t *testing.T, dir string, plan []files.File) []Change {
	t.Helper()
	cs := mustPlan(t, dir, plan)
	if err := Apply(dir, cs); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	return cs
}

func actions(cs []Change) map[string]Action {
	m := map[string]Action{}
	for _, c := range cs {
		m[c.File.Path] = c.Action
	}
	return m
}

func write(t *testing.T, dir, p, data string) {
	t.Helper()
	name := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func exists(dir, p string) bool {
	_, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
	return err == nil
}

// snapshot maps every path under dir (files and directories) to its content,
// so a test can assert that a failed operation left no trace at all.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		switch {
		case d.IsDir():
			m[rel] = "<dir>"
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(name)
			m[rel] = "<link " + target + ">"
		default:
			b, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			m[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameSnapshot(t *testing.T, before, after map[string]string) {
	t.Helper()
	var diffs []string
	for k, v := range after {
		if b, ok := before[k]; !ok {
			diffs = append(diffs, "added "+k)
		} else if b != v {
			diffs = append(diffs, "changed "+k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			diffs = append(diffs, "removed "+k)
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Errorf("disk changed:\n%s", strings.Join(diffs, "\n"))
	}
}
