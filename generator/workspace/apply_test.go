package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/files"
)

func TestOrphanIsDeletedAndReported(t *testing.T) {
	dir := t.TempDir()
	const old = "internal/api/pets.gen.go"
	generate(t, dir, append(project(), files.File{Path: old, Data: []byte(apiSource), Class: files.Generated}))

	rep, err := Check(dir, project())
	if err != nil {
		t.Fatal(err)
	}
	if rep.InSync() || len(rep.Stale) != 1 || rep.Stale[0] != old {
		t.Errorf("Check: Stale = %v, want [%s]", rep.Stale, old)
	}
	if d := string(rep.Diff); !strings.Contains(d, "--- a/"+old+"\n+++ /dev/null\n") {
		t.Errorf("Check diff does not delete %s:\n%s", old, d)
	}

	cs := generate(t, dir, project())
	if a := actions(cs)[old]; a != Delete {
		t.Errorf("orphan action = %v, want delete", a)
	}
	if !strings.Contains(Summary(cs), "  delete  "+old+"\n") {
		t.Errorf("Summary does not list the delete:\n%s", Summary(cs))
	}
	if exists(dir, old) {
		t.Errorf("orphan %s still on disk", old)
	}
}

func TestNonGeneratedFilesAreNeverDeleted(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, project())
	keep := map[string]string{
		"internal/api/handlers.go":   "package api\n// mine\n",      // no header
		"internal/api/notes.gen.go":  "// " + files.GoHeader + "\n", // header not at start
		"vendor/x/y.gen.go":          files.GoHeader + "\n",         // skipped dir
		"data/pg/dump.sql":           files.SQLHeader + "\n",        // skipped dir
		"node_modules/m/a.gen.yaml":  files.HashHeader + "\n",       // skipped dir
		".idea/gen.go":               files.GoHeader + "\n",         // hidden dir
		"internal/.cache/old.gen.go": files.GoHeader + "\n",         // hidden dir
		".git/hooks/pre-commit":      files.HashHeader + "\n",       // VCS
	}
	for p, data := range keep {
		write(t, dir, p, data)
	}
	cs := generate(t, dir, project())
	for p, data := range keep {
		if a, ok := actions(cs)[p]; ok {
			t.Errorf("%s: planned %v, want untouched", p, a)
		}
		if got := read(t, dir, p); got != data {
			t.Errorf("%s changed to %q", p, got)
		}
	}

	// A hand-made Delete of a user file is refused before anything moves.
	before := snapshot(t, dir)
	err := Apply(dir, []Change{
		{File: files.File{Path: "internal/api/new.gen.go", Data: []byte(apiSource)}, Action: Create},
		{File: files.File{Path: "internal/api/handlers.go"}, Action: Delete},
	})
	if err == nil || !strings.Contains(err.Error(), "internal/api/handlers.go") {
		t.Errorf("Apply deleting a user file: err = %v", err)
	}
	sameSnapshot(t, before, snapshot(t, dir))
}

func TestOrphansOnlyUnderPlannedDirectories(t *testing.T) {
	dir := t.TempDir()
	plan := []files.File{{Path: apiPath, Data: []byte(apiSource), Class: files.Generated}}
	write(t, dir, "docs/old.gen.md", files.HashHeader+"\n")     // outside internal/api
	write(t, dir, "internal/api/v1/old.gen.go", files.GoHeader) // below it
	got := actions(mustPlan(t, dir, plan))
	if _, ok := got["docs/old.gen.md"]; ok {
		t.Error("file outside the planned directories treated as orphan")
	}
	if got["internal/api/v1/old.gen.go"] != Delete {
		t.Error("orphan below a planned directory not found")
	}
	// An empty plan owns nothing and so deletes nothing.
	if cs := mustPlan(t, dir, nil); len(cs) != 0 {
		t.Errorf("empty plan gave %v", cs)
	}
}

func TestHiddenDirectoryThePlanWritesIntoIsSearched(t *testing.T) {
	dir := t.TempDir()
	plan := []files.File{{Path: ".github/workflows/ci.gen.yaml", Data: []byte(files.HashHeader + "\n"), Class: files.Generated}}
	write(t, dir, ".github/workflows/old.gen.yaml", files.HashHeader+"\n")
	if a := actions(mustPlan(t, dir, plan))[".github/workflows/old.gen.yaml"]; a != Delete {
		t.Errorf("orphan in planned hidden dir: action %v, want delete", a)
	}
}

func TestApplyFailureLeavesProjectUntouched(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, project())
	write(t, dir, "zz", "a user file where the plan wants a directory\n")
	before := snapshot(t, dir)

	plan := project()
	plan[0].Data = []byte(apiSource + "\nfunc B() {}\n") // update, sorts first
	plan = append(plan,
		files.File{Path: "internal/pets/pets.gen.go", Data: []byte(apiSource), Class: files.Generated}, // new dir
		files.File{Path: "zz/x.gen.go", Data: []byte(apiSource), Class: files.Generated},               // blocked, sorts last
	)
	cs := mustPlan(t, dir, plan)
	err := Apply(dir, cs)
	if err == nil || !strings.Contains(err.Error(), "zz/x.gen.go") {
		t.Fatalf("Apply: err = %v, want an error naming zz/x.gen.go", err)
	}
	// No partial write, no temp file, no new directory.
	sameSnapshot(t, before, snapshot(t, dir))
}

func TestApplyModes(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, project())
	if err := os.Chmod(filepath.Join(dir, apiPath), 0o755); err != nil {
		t.Fatal(err)
	}
	plan := project()
	plan[0].Data = append([]byte(apiSource), "// v2\n"...)
	generate(t, dir, plan)
	for p, want := range map[string]os.FileMode{apiPath: 0o755, sqlcPath: 0o644, "internal/api": 0o755} {
		info, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if info.IsDir() {
			want &^= umask(t)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", p, got, want)
		}
	}
}

// umask is the bits that directory creation masks out: files get exactly
// 0o644, directories 0o755 minus the umask, like mkdir(1).
func umask(t *testing.T) os.FileMode {
	d := filepath.Join(t.TempDir(), "probe")
	if err := os.Mkdir(d, 0o777); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(d)
	return 0o777 &^ info.Mode().Perm()
}

func TestApplyNeverOverwritesAScaffoldThatAppeared(t *testing.T) {
	dir := t.TempDir()
	cs := mustPlan(t, dir, project())
	write(t, dir, mainPath, "package main // written meanwhile\n")
	before := snapshot(t, dir)
	if err := Apply(dir, cs); err == nil || !strings.Contains(err.Error(), mainPath) {
		t.Errorf("Apply: err = %v, want an error naming %s", err, mainPath)
	}
	sameSnapshot(t, before, snapshot(t, dir))
}
