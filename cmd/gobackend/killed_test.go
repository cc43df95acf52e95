package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gobackend/gobackend/generator/engine"
)

// TestKilledGenerateLeavesNoTornFile kills `gobackend generate` at
// increasing moments while it rewrites a project, and checks that every
// file is then either exactly as before or exactly as a finished run writes
// it: writes are atomic (temp file and rename), never partial.
func TestKilledGenerateLeavesNoTornFile(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary serves as gobackend when it is called by that name
	// (testscript.Main in TestMain).
	bin := filepath.Join(t.TempDir(), "gobackend")
	if err := os.Symlink(exe, bin); err != nil {
		t.Fatal(err)
	}

	// before: a project; after: the same with a schema change generated.
	before := t.TempDir()
	e := &engine.Engine{ToolVersion: "test"}
	out, err := e.New(context.Background(), engine.NewOptions{Name: "shop", Module: "shop"})
	if err != nil {
		t.Fatal(err)
	}
	apply(t, before, out)
	addLoyalty(t, before)
	after := copyTree(t, before, t.TempDir())
	run(t, bin, after)
	old, want := snapshot(t, before), snapshot(t, after)

	for _, delay := range []time.Duration{0, 50 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond} {
		dir := copyTree(t, before, t.TempDir())
		cmd := exec.Command(bin, "generate", "-C", dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		for path, data := range snapshot(t, dir) {
			if strings.Contains(filepath.Base(path), ".tmp-") {
				continue // a staged temp file; the next run replaces it
			}
			o, hadOld := old[path]
			w, hasNew := want[path]
			if !(hadOld && bytes.Equal(data, o)) && !(hasNew && bytes.Equal(data, w)) {
				t.Fatalf("killed after %v: %s is neither the old nor the new version", delay, path)
			}
		}
		// And the next run finishes the job.
		run(t, bin, dir)
		for path, w := range want {
			if got := snapshot(t, dir)[path]; !bytes.Equal(got, w) {
				t.Fatalf("killed after %v, then generated again: %s differs from a clean run", delay, path)
			}
		}
	}
}

func addLoyalty(t *testing.T, dir string) {
	t.Helper()
	spec := filepath.Join(dir, "api", "openapi.yaml")
	data, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), "      required: [name, email]\n      properties:\n",
		"      required: [name, email]\n      properties:\n        loyalty:\n          type: integer\n          nullable: true\n", 1)
	s = strings.Replace(s, "          maxLength: 40\n          nullable: true\n        created_at:",
		"          maxLength: 40\n          nullable: true\n        loyalty:\n          type: integer\n          nullable: true\n        created_at:", 1)
	if err := os.WriteFile(spec, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, bin, dir string) {
	t.Helper()
	if out, err := exec.Command(bin, "generate", "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("generate: %v\n%s", err, out)
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[rel] = data
		return nil
	})
	return m
}

func copyTree(t *testing.T, from, to string) string {
	t.Helper()
	for rel, data := range snapshot(t, from) {
		p := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return to
}
