package engine_test

import (
	"bytes"
	"context"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/codegen"
	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/files"
)

// The generated SQLite queries spell a nullable parameter sqlc.narg('x')
// at its first use in a query and @x after it (Project.Again), which sqlc
// parses faster. This proves, over every query the templates write (owned
// resources, filters, cursors, features), that sqlc writes the same Go as
// it does with every use spelled sqlc.narg('x').
func TestLaterNullableUsesWriteSameGo(t *testing.T) {
	e := &engine.Engine{ToolVersion: "v0.0.0-test"}
	accounts, err := e.New(context.Background(), engine.NewOptions{Name: "notes", Database: "sqlite", Blueprint: "accounts"})
	if err != nil {
		t.Fatal(err)
	}
	in := synthInputs(t, 2)
	in.Manifest = bytes.Replace(in.Manifest, []byte("resources:\n"), []byte("features: [auth, cache, email, jobs, webhooks]\nresources:\n"), 1)
	features, err := e.Render(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string][]files.File{"accounts": accounts, "features": features} {
		t.Run(name, func(t *testing.T) {
			var short, spelled []files.File
			rewritten := 0
			for _, f := range out {
				switch {
				case f.Path == "sqlc.yaml", path.Dir(f.Path) == engine.MigrationsDir && path.Ext(f.Path) == ".sql":
					short, spelled = append(short, f), append(spelled, f)
				case path.Dir(f.Path) == engine.QueriesDir && path.Ext(f.Path) == ".sql":
					data, n := spellOut(f.Data)
					rewritten += n
					short = append(short, f)
					spelled = append(spelled, files.File{Path: f.Path, Data: data, Class: f.Class})
				}
			}
			if rewritten == 0 {
				t.Fatal("no query uses a nullable parameter twice: the test proves nothing")
			}
			a, err := codegen.SQLC{}.Generate(context.Background(), short)
			if err != nil {
				t.Fatal(err)
			}
			b, err := codegen.SQLC{}.Generate(context.Background(), spelled)
			if err != nil {
				t.Fatal(err)
			}
			if len(a) != len(b) {
				t.Fatalf("%d files, spelled out %d", len(a), len(b))
			}
			for i := range a {
				if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
					t.Errorf("%s differs from what sqlc writes with every use spelled sqlc.narg", a[i].Path)
				}
			}
		})
	}
}

var (
	nargRe = regexp.MustCompile(`sqlc\.narg\('(\w+)'\)`)
	atRe   = regexp.MustCompile(`@(\w+)`)
)

// spellOut rewrites each @x of a query that uses sqlc.narg('x') before it
// to sqlc.narg('x'), and returns how many it rewrote.
func spellOut(sql []byte) ([]byte, int) {
	var out []string
	n := 0
	for _, q := range strings.SplitAfter(string(sql), ";\n") {
		nullable := map[string]int{}
		for _, m := range nargRe.FindAllStringSubmatchIndex(q, -1) {
			name := q[m[2]:m[3]]
			if _, ok := nullable[name]; !ok {
				nullable[name] = m[0]
			}
		}
		var b strings.Builder
		last := 0
		for _, m := range atRe.FindAllStringSubmatchIndex(q, -1) {
			name := q[m[2]:m[3]]
			if first, ok := nullable[name]; ok && first < m[0] {
				b.WriteString(q[last:m[0]] + "sqlc.narg('" + name + "')")
				last = m[1]
				n++
			}
		}
		q = b.String() + q[last:]
		out = append(out, q)
	}
	return []byte(strings.Join(out, "")), n
}
