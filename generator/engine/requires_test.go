package engine_test

import (
	"bytes"
	"testing"

	"github.com/gobackend/gobackend/generator/engine"
)

// A feature enabled without those it requires is an input error at its
// line of the manifest that names what to add.
func TestFeatureRequires(t *testing.T) {
	in := synthInputs(t, 1)
	in.Manifest = bytes.Replace(in.Manifest, []byte("resources:\n"), []byte("features: [auth, webhooks]\nresources:\n"), 1)
	e := &engine.Engine{ToolVersion: "v0.0.0-test"}
	_, err := e.Model(in)
	if !engine.IsInputError(err) {
		t.Fatalf("Model: %v, want an input error", err)
	}
	const want = "gobackend.yaml:4:18: features: feature webhooks requires jobs; add jobs to the list"
	if err.Error() != want {
		t.Fatalf("error %q, want %q", err, want)
	}
	in.Manifest = bytes.Replace(in.Manifest, []byte("[auth, webhooks]"), []byte("[auth, jobs, webhooks]"), 1)
	if _, err := e.Model(in); err != nil {
		t.Fatalf("with the required features: %v", err)
	}
}
