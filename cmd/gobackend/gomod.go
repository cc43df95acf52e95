package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"golang.org/x/mod/modfile"

	"github.com/gobackend/gobackend/generator/files"
)

// addMissingRequirements runs `go get` for the modules the generated code
// needs that the project's go.mod does not require yet, which happens when
// a feature is enabled after `new` (go.mod is the user's file, written
// once). The versions are the ones gobackend's go.mod template pins.
func addMissingRequirements(ctx context.Context, w io.Writer, dir string, out []files.File) error {
	var want *modfile.File
	for _, f := range out {
		if f.Path == "go.mod" {
			var err error
			if want, err = modfile.ParseLax("go.mod", f.Data, nil); err != nil {
				return fmt.Errorf("rendered go.mod: %w", err)
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if want == nil || err != nil {
		return nil // no go.mod yet: `new` tidies it
	}
	have, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		return fmt.Errorf("go.mod: %w", err)
	}
	required := map[string]bool{}
	for _, r := range have.Require {
		required[r.Mod.Path] = true
	}
	var args []string
	for _, r := range want.Require {
		if !required[r.Mod.Path] {
			args = append(args, r.Mod.Path+"@"+r.Mod.Version)
		}
	}
	if len(args) == 0 {
		return nil
	}
	fmt.Fprintf(w, "adding to go.mod: %v\n", args)
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "go", append([]string{"get"}, args...)...)
	cmd.Dir, cmd.Stderr = dir, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go get %v in %s: %v\n%s(run it yourself, then `go mod tidy`)", args, dir, err, stderr.String())
	}
	return nil
}
