package workspace

import (
	"testing"

	"github.com/gobackend/gobackend/generator/files"
)

func envPlan(vars string) []files.File {
	data := "# settings\n" + files.SectionBegin + "\n" + vars + files.SectionEnd + "\n\n# yours below\n"
	return []files.File{{Path: ".env.example", Data: []byte(data), Class: files.Section}}
}

// A section file's generated region follows the plan; the user's lines
// outside it survive every generate, and only the region is drift.
func TestSectionRegionIsOursTheRestIsTheUsers(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, envPlan("PORT=8080\n"))
	write(t, dir, ".env.example", read(t, dir, ".env.example")+"MINE=1\n")
	if rep, err := Check(dir, envPlan("PORT=8080\n")); err != nil || !rep.InSync() {
		t.Fatalf("the user's own line is drift: %+v, %v", rep, err)
	}

	next := envPlan("PORT=8080\nJWT_KEYS=\n")
	if rep, err := Check(dir, next); err != nil || len(rep.Stale) != 1 {
		t.Fatalf("a feature's new setting is not drift: %+v, %v", rep, err)
	}
	if a := actions(generate(t, dir, next))[".env.example"]; a != Update {
		t.Errorf("action %v, want update", a)
	}
	want := "# settings\n" + files.SectionBegin + "\nPORT=8080\nJWT_KEYS=\n" + files.SectionEnd + "\n\n# yours below\nMINE=1\n"
	if got := read(t, dir, ".env.example"); got != want {
		t.Errorf("after generate:\n%s\nwant\n%s", got, want)
	}
	if a := actions(mustPlan(t, dir, next))[".env.example"]; a != Unchanged {
		t.Errorf("second generate: action %v, want unchanged", a)
	}
}

// A section file without markers (an older project's, or the user removed
// them) is entirely the user's.
func TestSectionFileWithoutMarkersIsKept(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, ".env.example", "PORT=9090\n")
	if a := actions(generate(t, dir, envPlan("PORT=8080\n")))[".env.example"]; a != Keep {
		t.Errorf("action %v, want keep", a)
	}
	if got := read(t, dir, ".env.example"); got != "PORT=9090\n" {
		t.Errorf("overwritten: %q", got)
	}
}

// compose.yaml was the user's before it was generated: one without the
// generated header stays theirs until they delete it.
func TestGeneratedFileWithoutHeaderAndGenNameIsKept(t *testing.T) {
	dir := t.TempDir()
	plan := []files.File{{Path: "compose.yaml", Data: []byte(files.HashHeader + "\nservices: {}\n"), Class: files.Generated}}
	write(t, dir, "compose.yaml", "services: {mine: {image: x}}\n")
	if a := actions(generate(t, dir, plan))["compose.yaml"]; a != Keep {
		t.Errorf("action %v, want keep", a)
	}
	if rep, err := Check(dir, plan); err != nil || !rep.InSync() {
		t.Errorf("the user's compose.yaml is drift: %+v, %v", rep, err)
	}
	write(t, dir, "compose.yaml", files.HashHeader+"\nservices: {old: {}}\n")
	if a := actions(generate(t, dir, plan))["compose.yaml"]; a != Update {
		t.Errorf("generated compose.yaml: action %v, want update", a)
	}
}
