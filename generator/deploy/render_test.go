package deploy_test

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/blueprints"
	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/render"
)

// project is a case: one database, with or without feature jobs.
type project struct {
	name     string
	database string
	features string // the manifest's features list
}

func (p project) postgres() bool { return p.database == "postgres" }
func (p project) jobs() bool     { return strings.Contains(p.features, "jobs") }

var projects = []project{
	{"lite", "sqlite", "[]"},
	{"litejobs", "sqlite", "[auth, email, jobs]"},
	{"pg", "postgres", "[]"},
	// Every feature: each adds settings to the ConfigMap or the Secret.
	{"pgall", "postgres", "[auth, cache, email, jobs, webhooks]"},
}

// renderProject renders the templates of the default blueprint with the
// case's database and features. It stops before oapi-codegen and sqlc,
// which the manifests do not depend on, so that these tests stay fast.
func renderProject(t *testing.T, pr project) map[string]files.File {
	t.Helper()
	bp, err := render.Dir(blueprints.FS, blueprints.Default, blueprints.Data{Name: pr.name, Module: "example.com/" + pr.name, Database: pr.database}, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := &engine.Inputs{}
	for _, f := range bp {
		switch f.Path {
		case engine.ManifestFile:
			features := regexp.MustCompile(`(?m)^features: .*$`)
			if !features.Match(f.Data) {
				t.Fatalf("blueprint %s: no features line in %s", blueprints.Default, f.Path)
			}
			in.Manifest = features.ReplaceAll(f.Data, []byte("features: "+pr.features))
		case "api/openapi.yaml":
			in.Spec = f.Data
		}
	}
	e := &engine.Engine{ToolVersion: "v0.0.0-test"}
	p, err := e.Model(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := render.Templates(p)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]files.File{}
	for _, f := range out {
		byPath[f.Path] = f
	}
	return byPath
}

// k8sFiles are the rendered files under deploy/k8s.
func k8sFiles(all map[string]files.File) map[string]files.File {
	out := map[string]files.File{}
	for p, f := range all {
		if strings.HasPrefix(p, "deploy/k8s/") {
			out[p] = f
		}
	}
	return out
}

// envSettings are the names of the settings in the generated region of
// .env.example, commented-out ones (tests only) left aside.
func envSettings(t *testing.T, all map[string]files.File) []string {
	t.Helper()
	f, ok := all[".env.example"]
	if !ok {
		t.Fatal("no .env.example rendered")
	}
	_, region, _, ok := files.SplitSection(f.Data)
	if !ok {
		t.Fatal(".env.example has no generated section")
	}
	var out []string
	setting := regexp.MustCompile(`^([A-Z][A-Z0-9_]*)=`)
	sc := bufio.NewScanner(bytes.NewReader(region))
	for sc.Scan() {
		if m := setting.FindStringSubmatch(sc.Text()); m != nil {
			out = append(out, m[1])
		}
	}
	if len(out) == 0 {
		t.Fatal(".env.example documents no setting")
	}
	return out
}
