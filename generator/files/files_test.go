package files

import "testing"

func TestClassOf(t *testing.T) {
	for path, want := range map[string]Class{
		"internal/api/orders.gen.go":               Generated,
		"internal/api/orders.gen_test.go":          Generated,
		"internal/db/queries/orders.gen.sql":       Generated,
		"sqlc.yaml":                                Generated,
		"internal/db/migrations/00001_init.sql":    Migration,
		"internal/orders/hooks.go":                 Scaffold,
		"internal/orders/hooks_test.go":            Scaffold,
		"cmd/shop/main.go":                         Scaffold,
		".github/workflows/ci.yml":                 Scaffold,
		"internal/db/migrations/migrations.gen.go": Generated,
		"deploy/k8s/base/kustomization.yaml":       Generated,
		"deploy/k8s/base/deployment.gen.yaml":      Generated,
		"deploy/k8s/kustomization.yaml":            Scaffold,
	} {
		if got := ClassOf(path); got != want {
			t.Errorf("ClassOf(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestIsGeneratedContent(t *testing.T) {
	if !IsGeneratedContent([]byte(GoHeader+"\n\npackage x\n")) || !IsGeneratedContent([]byte(SQLHeader+"\n")) {
		t.Error("generated headers not recognised")
	}
	if IsGeneratedContent([]byte("package x\n// " + GoHeader + "\n")) {
		t.Error("a header that is not on line one must not count")
	}
}

func TestReplaceSectionKeepsTheUsersLines(t *testing.T) {
	planned := []byte("# head\n" + SectionBegin + "\nA=1\nB=2\n" + SectionEnd + "\n\n# yours\n")
	old := []byte("# my head\n" + SectionBegin + "\nA=1\n" + SectionEnd + "\nMINE=1\n")
	got, ok := ReplaceSection(old, planned)
	want := "# my head\n" + SectionBegin + "\nA=1\nB=2\n" + SectionEnd + "\nMINE=1\n"
	if !ok || string(got) != want {
		t.Errorf("ReplaceSection = %q, %v; want %q", got, ok, want)
	}
	if _, ok := ReplaceSection([]byte("A=1\n"), planned); ok {
		t.Error("a file without markers has no section to replace")
	}
	if _, ok := ReplaceSection([]byte(SectionBegin+"\nA=1\n"), planned); ok {
		t.Error("a region without its end line is not a section")
	}
	if ClassOf(".env.example") != Section || ClassOf("compose.yaml") != Generated || ClassOf("compose.override.yaml") != Scaffold {
		t.Error("ClassOf of .env.example, compose.yaml, compose.override.yaml")
	}
}
