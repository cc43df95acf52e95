package engine_test

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/gobackend/gobackend/generator/codegen"
	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/files"
)

var update = flag.Bool("update", false, "rewrite the golden trees in testdata/golden")

func TestMain(m *testing.M) {
	codegen.MaybeRunChild()
	os.Exit(m.Run())
}

var goldenCases = []struct {
	name string
	opts engine.NewOptions
}{
	{"api-sqlite", engine.NewOptions{Name: "shop", Module: "example.com/shop", Database: "sqlite"}},
	{"api-postgres", engine.NewOptions{Name: "shop", Module: "example.com/shop", Database: "postgres"}},
	{"accounts-sqlite", engine.NewOptions{Name: "notes", Module: "example.com/notes", Database: "sqlite", Blueprint: "accounts"}},
}

// TestGolden renders each blueprint case and compares the whole tree with
// testdata/golden/<case>. Template changes are reviewed as golden diffs:
// run `go test ./generator/engine -update` and read the diff.
func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			e := &engine.Engine{ToolVersion: "v0.0.0-test"}
			out, err := e.New(context.Background(), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join("..", "..", "testdata", "golden", tc.name)
			if *update {
				writeTree(t, dir, out)
				return
			}
			compareTree(t, dir, out)
		})
	}
}

// TestDeterministic renders the same project twice: the bytes must match,
// or `check` would flap.
func TestDeterministic(t *testing.T) {
	e := &engine.Engine{ToolVersion: "v0.0.0-test"}
	a, err := e.New(context.Background(), goldenCases[0].opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.New(context.Background(), goldenCases[0].opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) || a[i].Class != b[i].Class {
			t.Errorf("%s differs between two renders", a[i].Path)
		}
	}
}

func writeTree(t *testing.T, dir string, out []files.File) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range out {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func compareTree(t *testing.T, dir string, out []files.File) {
	t.Helper()
	want := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		want[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatalf("read golden tree (create it with -update): %v", err)
	}
	for _, f := range out {
		w, ok := want[f.Path]
		if !ok {
			t.Errorf("%s: not in the golden tree (run with -update and review)", f.Path)
			continue
		}
		delete(want, f.Path)
		if !bytes.Equal(w, f.Data) {
			t.Errorf("%s differs from the golden file (run with -update and review):\n%s", f.Path,
				diff.Diff("golden/"+f.Path, w, "rendered/"+f.Path, f.Data))
		}
	}
	var extra []string
	for p := range want {
		extra = append(extra, p)
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("golden files no longer rendered: %s", strings.Join(extra, ", "))
	}
}
