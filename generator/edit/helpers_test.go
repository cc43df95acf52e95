package edit

import (
	"strings"
	"testing"

	"github.com/gobackend/gobackend/blueprints"
	"github.com/gobackend/gobackend/generator/manifest"
	"github.com/gobackend/gobackend/generator/model"
	"github.com/gobackend/gobackend/generator/render"
	"github.com/gobackend/gobackend/generator/spec"
)

// blueprint returns the inputs of a new project from the default blueprint.
func blueprint(t *testing.T) Inputs {
	t.Helper()
	out, err := render.Dir(blueprints.FS, blueprints.Default, blueprints.Data{Name: "shop", Module: "shop", Database: "sqlite"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := Inputs{ManifestFile: "gobackend.yaml", SpecFile: "api/openapi.yaml"}
	for _, f := range out {
		switch f.Path {
		case "gobackend.yaml":
			in.Manifest = f.Data
		case "api/openapi.yaml":
			in.Spec = f.Data
		}
	}
	return in
}

// resolve checks that edited inputs load and resolve the way the engine
// does it, and returns the model.
func resolve(t *testing.T, in Inputs, res *Result) *model.Project {
	t.Helper()
	m, err := manifest.Parse(in.ManifestFile, res.Manifest)
	if err != nil {
		t.Fatalf("edited manifest does not parse: %v\n%s", err, res.Manifest)
	}
	doc, err := spec.Load(in.SpecFile, res.Spec)
	if err != nil {
		t.Fatalf("edited spec does not load: %v\n%s", err, res.Spec)
	}
	p, err := model.Resolve(m, doc, model.Options{GoVersion: "1.26"})
	if err != nil {
		t.Fatalf("edited inputs do not resolve: %v\n%s\n%s", err, res.Manifest, res.Spec)
	}
	return p
}

// preserved fails unless every line of old appears in new, in order: the
// edit only inserted lines.
func preserved(t *testing.T, name string, old, new []byte) {
	t.Helper()
	newLines := strings.SplitAfter(string(new), "\n")
	i := 0
	for n, l := range strings.SplitAfter(string(old), "\n") {
		for i < len(newLines) && newLines[i] != l {
			i++
		}
		if i == len(newLines) {
			t.Fatalf("%s: line %d %q is missing or out of order in the result:\n%s", name, n+1, l, new)
		}
		i++
	}
}

// resource returns the resource of the model with the given key.
func resource(t *testing.T, p *model.Project, key string) *model.Resource {
	t.Helper()
	for _, r := range p.Resources {
		if r.Key == key {
			return r
		}
	}
	t.Fatalf("no resource %q in the model", key)
	return nil
}
