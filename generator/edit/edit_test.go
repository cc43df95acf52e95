package edit

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/edit -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update and review the diff):\n%s", name, got)
	}
}

func readInputs(t *testing.T, prefix string) Inputs {
	t.Helper()
	m, err := os.ReadFile(filepath.Join("testdata", prefix+".gobackend.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.ReadFile(filepath.Join("testdata", prefix+".openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return Inputs{ManifestFile: "gobackend.yaml", Manifest: m, SpecFile: "api/openapi.yaml", Spec: s}
}

// TestCommentedInputsKeepEveryByte adds a resource to a spec and manifest
// full of comments, blank lines, quoting and flow style: every original
// line survives in order, the new text lands at the end of each section,
// and the result resolves.
func TestCommentedInputsKeepEveryByte(t *testing.T) {
	in := readInputs(t, "commented")
	res, err := AddResource(in, Request{Name: "OrderItems", Owned: true, Fields: []string{
		"customer_id:ref=Customer", "status:enum=new,paid:filter:default=new", "note:text:optional:search",
		"quantity:int:min=1:max=99:sort",
	}})
	if err != nil {
		t.Fatal(err)
	}
	preserved(t, "spec", in.Spec, res.Spec)
	preserved(t, "manifest", in.Manifest, res.Manifest)
	golden(t, "commented.openapi.yaml.golden", res.Spec)
	golden(t, "commented.gobackend.yaml.golden", res.Manifest)
	r := resource(t, resolve(t, in, res), "order_items")
	if !r.Owned || len(r.Fields) != 4 || r.Fields[0].Ref == nil || r.Fields[0].Ref.Key != "customers" {
		t.Errorf("resolved resource = %+v", r)
	}
	// The spec predates Idempotency-Key and the shared error responses: it
	// gets those, and keeps its own Problem and parameters.
	want := "parameters/IdempotencyKey responses/BadRequest responses/Unauthorized responses/NotFound responses/Conflict " +
		"responses/PreconditionFailed responses/ContentTooLarge responses/UnsupportedMediaType responses/UnprocessableContent responses/TooManyRequests"
	if got := strings.Join(res.Shared, " "); got != want {
		t.Errorf("shared components added = %q, want only the missing %q", got, want)
	}
}
