package codegen

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/files"
)

// manyTables is a schema of n tables and a query file for each, large
// enough that Generate shares them out to several children.
func manyTables(engine string, n int) []files.File {
	var schema strings.Builder
	schema.WriteString("-- +goose Up\n")
	in := []files.File{{Path: "sqlc.yaml", Data: []byte(sqlcYAML(engine)), Class: files.Generated}}
	for i := range n {
		fmt.Fprintf(&schema, "CREATE TABLE t%d (id TEXT PRIMARY KEY, name TEXT NOT NULL, note TEXT, n INTEGER NOT NULL);\n", i)
		var q strings.Builder
		// Padding, for size: Generate shares files out by their length.
		fmt.Fprintf(&q, "-- %s\n\n", strings.Repeat("padding ", 600))
		for j := range 5 {
			fmt.Fprintf(&q, "-- name: GetT%dN%d :one\nSELECT * FROM t%d WHERE id = sqlc.arg(id) AND (sqlc.narg(note) IS NULL OR note = sqlc.narg(note)) AND n > %d;\n\n", i, j, i, j)
		}
		in = append(in, files.File{Path: fmt.Sprintf("internal/db/queries/t%d.gen.sql", i), Data: []byte(q.String()), Class: files.Generated})
	}
	return append(in, files.File{Path: "internal/db/migrations/00001_init.sql", Data: []byte(schema.String()), Class: files.Migration})
}

func generate(t *testing.T, s SQLC, in []files.File) []files.File {
	t.Helper()
	out, err := s.Generate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameOutput(t *testing.T, what string, got, want []files.File) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d files, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i].Path != want[i].Path || string(got[i].Data) != string(want[i].Data) || got[i].Class != want[i].Class {
			t.Fatalf("%s: %s differs from %s of one plain run", what, got[i].Path, want[i].Path)
		}
	}
}

// Shared out to parallel children, and from the cache, the output is the
// one plain run's, byte for byte; an unchanged input starts no child, and
// a changed query file only the child that parses it.
func TestSQLCSplitAndCacheEqualOneRun(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgresql"} {
		t.Run(engine, func(t *testing.T) {
			in := manyTables(engine, 6)
			plain := generate(t, SQLC{}, in)

			before := childRuns.Load()
			split := generate(t, SQLC{QueriesDir: "internal/db/queries", Workers: 3}, in)
			if n := childRuns.Load() - before; n < 2 {
				t.Errorf("the split run started %d children, want several", n)
			}
			sameOutput(t, "split", split, plain)

			cached := SQLC{QueriesDir: "internal/db/queries", Workers: 3, CacheDir: t.TempDir()}
			sameOutput(t, "cold cache", generate(t, cached, in), plain)
			before = childRuns.Load()
			sameOutput(t, "warm cache", generate(t, cached, in), plain)
			if n := childRuns.Load() - before; n != 0 {
				t.Errorf("the warm run started %d children, want none", n)
			}

			changed := append([]files.File(nil), in...)
			changed[1].Data = []byte(strings.ReplaceAll(string(changed[1].Data), "n > ", "n >= "))
			before = childRuns.Load()
			sameOutput(t, "one file changed", generate(t, cached, changed), generate(t, SQLC{}, changed))
			if n := childRuns.Load() - before; n != 2 { // the cached run's one, the plain run's one
				t.Errorf("with one file changed, %d children, want 1 for the cached run", n-1)
			}
		})
	}
}

// A bad query, or one name in two files (which only a run over both
// finds), gets the error of one plain run over everything.
func TestSQLCSplitErrorsAreOneRuns(t *testing.T) {
	bad := manyTables("sqlite", 4)
	bad[2].Data = []byte(strings.Replace(string(bad[2].Data), "SELECT * FROM t1 WHERE id", "SELECT * FROM t1 WHERE nosuch", 1))
	dup := manyTables("sqlite", 4)
	dup[2].Data = []byte(strings.Replace(string(dup[2].Data), "GetT1N3 ", "GetT0N3 ", 1))
	for name, in := range map[string][]files.File{"bad query": bad, "duplicate name": dup} {
		t.Run(name, func(t *testing.T) {
			_, want := SQLC{}.Generate(context.Background(), in)
			if want == nil {
				t.Fatal("one plain run accepted the input")
			}
			_, got := SQLC{QueriesDir: "internal/db/queries", Workers: 2, CacheDir: t.TempDir()}.Generate(context.Background(), in)
			if got == nil || got.Error() != want.Error() {
				t.Fatalf("split run: %v\nwant: %v", got, want)
			}
		})
	}
}
