package usercode

import (
	"slices"
	"testing"
	"testing/fstest"
)

func TestJobs(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"internal/jobs/welcome.go":      file("package jobs\nfunc newWelcomeWorker(d deps.Deps) *WelcomeWorker { return nil }\n"),
		"internal/jobs/report.go":       file("package jobs\nfunc newReportWorker(d deps.Deps) *ReportWorker { return nil }\nfunc newHelper(d deps.Deps) *Helper { return nil }\n"),
		"internal/jobs/wrong.go":        file("package jobs\nfunc newOtherWorker(d deps.Deps) OtherWorker { return OtherWorker{} }\nfunc newMismatchWorker(d deps.Deps) *SomethingElse { return nil }\n"),
		"internal/jobs/broken.go":       file("package jobs\nfunc newBrokenWorker(\n"),
		"internal/jobs/register.gen.go": file("package jobs\nfunc newGeneratedWorker(d deps.Deps) *GeneratedWorker { return nil }\n"),
		"internal/jobs/welcome_test.go": file("package jobs\nfunc newTestWorker(d deps.Deps) *TestWorker { return nil }\n"),
	}
	got, err := Jobs(fsys, JobsDir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Report", "Welcome"}; !slices.Equal(got, want) {
		t.Errorf("Jobs = %v, want %v", got, want)
	}
	if got, err := Jobs(fstest.MapFS{}, JobsDir); err != nil || len(got) != 0 {
		t.Errorf("no internal/jobs: %v, %v", got, err)
	}
}
