package engine_test

import (
	"bytes"
	"context"
	"go/format"
	"path"
	"testing"

	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/files"
)

// Every Go file a project gets is gofmt-clean: the templates' output, and
// sqlc's and oapi-codegen's after their headers are rewritten (which does
// not run go/format again, see codegen.rewriteHeader), with every feature
// on and on both databases.
func TestGeneratedGoIsGofmtClean(t *testing.T) {
	e := &engine.Engine{ToolVersion: "v0.0.0-test"}
	projects := map[string][]files.File{}
	for _, tc := range goldenCases {
		out, err := e.New(context.Background(), tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		projects[tc.name] = out
	}
	for _, db := range []string{"sqlite", "postgres"} {
		in := synthInputs(t, 2)
		in.Manifest = bytes.Replace(in.Manifest, []byte("resources:\n"),
			[]byte("database: "+db+"\nfeatures: [auth, cache, email, jobs, webhooks]\nresources:\n"), 1)
		out, err := e.Render(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		projects["features-"+db] = out
	}
	for name, out := range projects {
		n := 0
		for _, f := range out {
			if path.Ext(f.Path) != ".go" {
				continue
			}
			n++
			formatted, err := format.Source(f.Data)
			if err != nil {
				t.Errorf("%s: %s: %v", name, f.Path, err)
			} else if !bytes.Equal(formatted, f.Data) {
				t.Errorf("%s: %s is not gofmt-clean", name, f.Path)
			}
		}
		if n == 0 {
			t.Errorf("%s: no Go files", name)
		}
	}
}
