package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/files"
)

func TestPlanFreshProjectCreatesAllSorted(t *testing.T) {
	cs := mustPlan(t, t.TempDir(), project())
	var paths []string
	for _, c := range cs {
		paths = append(paths, c.File.Path)
		if c.Action != Create || c.Old != nil {
			t.Errorf("%s: got %v (old %q), want create", c.File.Path, c.Action, c.Old)
		}
	}
	if !slices.IsSorted(paths) || len(paths) != 4 {
		t.Errorf("paths = %v, want the 4 planned paths sorted", paths)
	}
}

func TestGenerateIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, project())
	for _, f := range project() {
		if got := read(t, dir, f.Path); got != string(f.Data) {
			t.Errorf("%s = %q, want %q", f.Path, got, f.Data)
		}
	}
	cs := mustPlan(t, dir, project())
	for _, c := range cs {
		want := Unchanged
		if c.File.Class != files.Generated {
			want = Keep
		}
		if c.Action != want {
			t.Errorf("%s: re-plan gave %v, want %v", c.File.Path, c.Action, want)
		}
	}
	if s := Summary(cs); s != "" {
		t.Errorf("Summary after re-plan = %q, want empty", s)
	}
	if d := Diff(cs); d != nil {
		t.Errorf("Diff after re-plan = %q, want empty", d)
	}
	before := snapshot(t, dir)
	if err := Apply(dir, cs); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, before, snapshot(t, dir))
}

func TestScaffoldEditSurvivesGenerate(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, project())
	const edited = "package main\n\n// mine now\nfunc main() { run() }\n"
	write(t, dir, mainPath, edited)

	cs := generate(t, dir, project())
	if a := actions(cs)[mainPath]; a != Keep {
		t.Errorf("edited scaffold: action %v, want keep", a)
	}
	if got := read(t, dir, mainPath); got != edited {
		t.Errorf("scaffold overwritten: %q", got)
	}
	rep, err := Check(dir, project())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.InSync() {
		t.Errorf("edited scaffold reported as drift: %+v", rep)
	}
}

func TestMissingScaffoldIsCreatedButNotDrift(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, project())
	os.Remove(filepath.Join(dir, mainPath))
	rep, err := Check(dir, project())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.InSync() || rep.Diff != nil {
		t.Errorf("missing scaffold reported as drift: %+v", rep)
	}
	if a := actions(mustPlan(t, dir, project()))[mainPath]; a != Create {
		t.Errorf("missing scaffold: action %v, want create", a)
	}
}

func TestExistingMigrationIsKeptAndNotDrift(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, project())
	const applied = "-- +goose Up\nCREATE TABLE pets (id bigint);\n"
	write(t, dir, migPath, applied)

	cs := generate(t, dir, project())
	if a := actions(cs)[migPath]; a != Keep {
		t.Errorf("changed migration: action %v, want keep", a)
	}
	if got := read(t, dir, migPath); got != applied {
		t.Errorf("migration rewritten: %q", got)
	}
	rep, err := Check(dir, project())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.InSync() || rep.Diff != nil {
		t.Errorf("existing migration reported as drift: %+v", rep)
	}
}

func TestPlanRejectsUnsafePaths(t *testing.T) {
	for _, p := range []string{
		"../x", "/etc/x", "a/../../x", "a/../b", "./a", "a//b", "a/", "a\\b", "", ".", "..",
	} {
		dir := t.TempDir()
		before := snapshot(t, dir)
		plan := append(project(), files.File{Path: p, Data: []byte("x"), Class: files.Generated})
		_, err := Plan(dir, plan)
		if !errors.Is(err, ErrUnsafePath) || !strings.Contains(err.Error(), strconv.Quote(p)) {
			t.Errorf("Plan(%q): err = %v, want ErrUnsafePath naming the path", p, err)
		}
		err = Apply(dir, []Change{
			{File: project()[0], Action: Create},
			{File: files.File{Path: p, Data: []byte("x")}, Action: Create},
		})
		if !errors.Is(err, ErrUnsafePath) {
			t.Errorf("Apply(%q): err = %v, want ErrUnsafePath", p, err)
		}
		sameSnapshot(t, before, snapshot(t, dir))
	}
}

func TestSymlinkEscapesAreRefused(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "secret.gen.go", files.GoHeader+"\nsecret\n")
	dir := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.gen.go"), filepath.Join(dir, "file.gen.go")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	outBefore, dirBefore := snapshot(t, outside), snapshot(t, dir)

	for _, p := range []string{"link/x.gen.go", "link/secret.gen.go", "link/sub/x.gen.go", "file.gen.go", "dangling/x.gen.go"} {
		plan := append(project(), files.File{Path: p, Data: []byte(files.GoHeader + "\n"), Class: files.Generated})
		_, err := Plan(dir, plan)
		if !errors.Is(err, ErrUnsafePath) || !strings.Contains(err.Error(), p) {
			t.Errorf("Plan(%q): err = %v, want ErrUnsafePath naming the path", p, err)
		}
		for _, a := range []Action{Create, Update, Delete} {
			err := Apply(dir, []Change{
				{File: project()[0], Action: Create},
				{File: files.File{Path: p, Data: []byte("x")}, Action: a},
			})
			if !errors.Is(err, ErrUnsafePath) {
				t.Errorf("Apply(%v %q): err = %v, want ErrUnsafePath", a, p, err)
			}
		}
	}
	sameSnapshot(t, outBefore, snapshot(t, outside))
	sameSnapshot(t, dirBefore, snapshot(t, dir))
}

func TestSymlinkInsideProjectIsAllowed(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real", filepath.Join(dir, "alias")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	plan := []files.File{{Path: "alias/a.gen.go", Data: []byte(apiSource), Class: files.Generated}}
	generate(t, dir, plan)
	if got := read(t, dir, "real/a.gen.go"); got != apiSource {
		t.Errorf("real/a.gen.go = %q", got)
	}
}

func TestPlanRejectsInconsistentPlans(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "adir"), 0o755); err != nil {
		t.Fatal(err)
	}
	gen := func(p string) files.File { return files.File{Path: p, Class: files.Generated} }
	for name, plan := range map[string][]files.File{
		"duplicate":       {gen("a.gen.go"), gen("a.gen.go")},
		"file and dir":    {gen("x"), gen("x/y.gen.go")},
		"target is a dir": {gen("adir")},
		"unknown class":   {{Path: "a", Class: files.Class(42)}},
	} {
		if _, err := Plan(dir, plan); err == nil {
			t.Errorf("%s: Plan succeeded, want error", name)
		}
	}
}
