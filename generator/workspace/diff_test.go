package workspace

import (
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/files"
)

func TestDiffAndSummary(t *testing.T) {
	cs := []Change{ // deliberately out of order
		{File: files.File{Path: "z.gen.go"}, Action: Delete, Old: []byte("gone\n")},
		{File: files.File{Path: "a.gen.go", Data: []byte("new\n")}, Action: Create},
		{File: files.File{Path: "m.gen.go", Data: []byte("two\n")}, Action: Update, Old: []byte("one\n")},
		{File: files.File{Path: "k.go", Data: []byte("x")}, Action: Keep, Old: []byte("y")},
		{File: files.File{Path: "u.gen.go", Data: []byte("x")}, Action: Unchanged, Old: []byte("x")},
		{File: files.File{Path: "e.gen.go"}, Action: Create}, // empty file
	}
	want := "diff /dev/null b/a.gen.go\n--- /dev/null\n+++ b/a.gen.go\n@@ -0,0 +1,1 @@\n+new\n" +
		"diff /dev/null b/e.gen.go\n--- /dev/null\n+++ b/e.gen.go\n" +
		"diff a/m.gen.go b/m.gen.go\n--- a/m.gen.go\n+++ b/m.gen.go\n@@ -1,1 +1,1 @@\n-one\n+two\n" +
		"diff a/z.gen.go /dev/null\n--- a/z.gen.go\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-gone\n"
	if got := string(Diff(cs)); got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
	wantSum := "  create  a.gen.go\n  create  e.gen.go\n  update  m.gen.go\n  delete  z.gen.go\n"
	if got := Summary(cs); got != wantSum {
		t.Errorf("Summary:\n%s\nwant:\n%s", got, wantSum)
	}
	if cs[0].File.Path != "z.gen.go" {
		t.Error("Diff or Summary reordered the caller's slice")
	}
}

func TestEditedGeneratedFileIsUpdateAndStale(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, project())
	write(t, dir, apiPath, apiSource+"func Hack() {}\n")

	if a := actions(mustPlan(t, dir, project()))[apiPath]; a != Update {
		t.Errorf("edited generated file: action %v, want update", a)
	}
	rep, err := Check(dir, project())
	if err != nil {
		t.Fatal(err)
	}
	if rep.InSync() || len(rep.Stale) != 1 || rep.Stale[0] != apiPath || rep.Missing != nil || rep.Pending != nil {
		t.Errorf("Check = %+v, want Stale [%s] only", rep, apiPath)
	}
	d := string(rep.Diff)
	if !strings.Contains(d, "--- a/"+apiPath+"\n+++ b/"+apiPath+"\n") || !strings.Contains(d, "-func Hack() {}\n") {
		t.Errorf("Check diff does not name %s or revert the edit:\n%s", apiPath, d)
	}

	generate(t, dir, project())
	if got := read(t, dir, apiPath); got != apiSource {
		t.Errorf("generate did not restore %s: %q", apiPath, got)
	}
}

func TestMissingGeneratedAndMigrationFiles(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, project())
	plan := append(project(),
		files.File{Path: "internal/db/migrations/00002_owners.sql", Data: []byte("-- +goose Up\n"), Class: files.Migration},
		files.File{Path: "internal/db/queries.gen.go", Data: []byte(apiSource), Class: files.Generated},
	)
	rep, err := Check(dir, plan)
	if err != nil {
		t.Fatal(err)
	}
	if rep.InSync() ||
		strings.Join(rep.Pending, ",") != "internal/db/migrations/00002_owners.sql" ||
		strings.Join(rep.Missing, ",") != "internal/db/queries.gen.go" ||
		rep.Stale != nil {
		t.Errorf("Check = %+v", rep)
	}
	if d := string(rep.Diff); !strings.Contains(d, "+++ b/internal/db/migrations/00002_owners.sql") {
		t.Errorf("pending migration missing from the diff:\n%s", d)
	}
	generate(t, dir, plan)
	if rep, err := Check(dir, plan); err != nil || !rep.InSync() {
		t.Errorf("after generate: %+v, %v", rep, err)
	}
}
