package render_test

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/model"
	"github.com/gobackend/gobackend/generator/render"
	"github.com/gobackend/gobackend/templates"
)

const tmpl = "base/internal/httpx/requestid.gen.go.tmpl"
const out = "internal/httpx/requestid.gen.go"

func project(t *testing.T) *model.Project {
	t.Helper()
	in, err := engine.ReadInputs(filepath.Join("..", "..", "testdata", "golden", "api-sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := (&engine.Engine{ToolVersion: "v0.0.0-test"}).Model(in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func find(t *testing.T, fs []files.File, p string) files.File {
	t.Helper()
	for _, f := range fs {
		if f.Path == p {
			return f
		}
	}
	t.Fatalf("%s not rendered", p)
	return files.File{}
}

func TestOverrideReplacesTemplate(t *testing.T) {
	p := project(t)
	plain, err := render.Templates(p)
	if err != nil {
		t.Fatal(err)
	}
	src, err := fs.ReadFile(templates.FS, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "const maxRequestIDLen = 128", "const maxRequestIDLen   = 64 // overridden", 1)
	if edited == string(src) {
		t.Fatal("the template changed: update this test's edit")
	}
	got, err := render.TemplatesWith(p, render.Overrides{tmpl: []byte(edited)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(plain) {
		t.Fatalf("override changed the file count: %d, want %d", len(got), len(plain))
	}
	f := find(t, got, out)
	if !strings.Contains(string(f.Data), "const maxRequestIDLen = 64 // overridden") {
		t.Errorf("override not used, or not gofmt'ed:\n%s", f.Data)
	}
	if f.Class != files.Generated {
		t.Errorf("class %v, want generated", f.Class)
	}
	for i := range plain {
		if plain[i].Path != out && string(plain[i].Data) != string(got[i].Data) {
			t.Errorf("%s changed although it was not overridden", plain[i].Path)
		}
	}
}

func TestOverrideErrors(t *testing.T) {
	p := project(t)
	for _, tc := range []struct{ name, path, src, want string }{
		{"unknown path", "base/nope.go.tmpl", "x", ".gobackend/templates/base/nope.go.tmpl: matches no embedded template"},
		{"parse error", tmpl, "package httpx\n\n{{ .Nope", ".gobackend/templates/" + tmpl + ":3: unclosed action"},
		{"execution error", tmpl, "package httpx\n\n// {{ .Nope }}\n", ".gobackend/templates/" + tmpl + ":3:6: executing"},
		{"invalid Go", tmpl, "package httpx\n\nfunc {\n", ".gobackend/templates/" + tmpl + ": rendered line 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := render.TemplatesWith(p, render.Overrides{tc.path: []byte(tc.src)})
			if err == nil {
				t.Fatal("no error")
			}
			var oe *render.OverrideError
			if !errors.As(err, &oe) {
				t.Errorf("%v: not an OverrideError", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %q, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestTemplatePaths(t *testing.T) {
	paths := render.TemplatePaths()
	if len(paths) == 0 {
		t.Fatal("no templates")
	}
	for _, p := range paths {
		if !render.IsTemplate(p) {
			t.Errorf("%s listed but not a template", p)
		}
	}
	if !render.IsTemplate(tmpl) || render.IsTemplate("base") || render.IsTemplate("templates.go") {
		t.Error("IsTemplate is wrong")
	}
}
