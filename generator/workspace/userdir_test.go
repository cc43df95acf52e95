package workspace

import (
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/files"
)

// Template overrides start with a generated header (they are copies of
// templates of generated files) but are the user's: never an orphan, never
// drift, never written.
func TestUserDirIsNeverTouched(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, project())
	override := UserDir + "/templates/base/internal/httpx/requestid.gen.go.tmpl"
	write(t, dir, override, files.GoHeader+"\n\npackage httpx\n")
	cs := generate(t, dir, project())
	if _, ok := actions(cs)[override]; ok {
		t.Errorf("plan has an action for %s: %v", override, actions(cs)[override])
	}
	if !exists(dir, override) {
		t.Fatalf("%s was deleted", override)
	}
	rep, err := Check(dir, project())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.InSync() {
		t.Errorf("check reports drift: %+v", rep)
	}

	plan := append(project(), files.File{Path: override, Data: []byte("x"), Class: files.Generated})
	if _, err := Plan(dir, plan); err == nil || !strings.Contains(err.Error(), "belongs to the user") {
		t.Errorf("a plan writing into %s: err %v", UserDir, err)
	}
}
