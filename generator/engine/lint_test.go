package engine_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestServedSpecsLintClean lints the spec each golden project serves
// (internal/api/openapi.gen.json) with Redocly CLI's recommended rules: a
// blueprint must not hand its users a contract a well-known linter rejects.
// Warnings are allowed (info.license is the user's to choose); errors are not.
// GOBACKEND_TEST_REDOCLY names the redocly executable; .ci/run installs it
// from the npm registry.
func TestServedSpecsLintClean(t *testing.T) {
	redocly := os.Getenv("GOBACKEND_TEST_REDOCLY")
	if redocly == "" {
		// Printed, not only logged: a run without the linter says so.
		fmt.Println("SKIPPED TestServedSpecsLintClean: GOBACKEND_TEST_REDOCLY is not set")
		t.Skip("GOBACKEND_TEST_REDOCLY is not set: set it to a Redocly CLI (npm @redocly/cli) to lint the served specs")
	}
	specs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "*", "internal", "api", "openapi.gen.json"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no served specs in the golden trees (%v)", err)
	}
	for _, spec := range specs {
		t.Run(filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(spec)))), func(t *testing.T) {
			cmd := exec.Command(redocly, "lint", "--format=stylish", spec)
			cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("redocly lint %s: %v\n%s", spec, err, out)
			}
		})
	}
}
