package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/workspace"
)

// writeMode says what regenerate does with the planned changes.
type writeMode int

const (
	modeWrite  writeMode = iota // apply the changes
	modeDryRun                  // list them
	modeDiff                    // list them with a unified diff
)

// regenerate renders the project for in and writes (or shows) the result.
// edited holds user-owned input files that the command itself changed
// (add resource edits the spec and the manifest): they are written in the
// same atomic apply as the generated files, so a failure leaves neither.
func regenerate(ctx context.Context, w io.Writer, e *engine.Engine, dir string, in *engine.Inputs, edited []files.File, mode writeMode) error {
	before, err := engine.RecordedVersion(dir)
	if err != nil {
		return err
	}
	out, err := e.Render(ctx, in)
	if err != nil {
		return err
	}
	changes, err := workspace.Plan(dir, out)
	if err != nil {
		return err
	}
	for _, f := range edited {
		// An edited input replaces what the plan would keep.
		found := false
		for i := range changes {
			if changes[i].File.Path == f.Path {
				changes[i].Old = changes[i].File.Data
				changes[i].File, changes[i].Action = f, workspace.Update
				found = true
			}
		}
		if !found {
			old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
			switch {
			case err == nil:
				changes = append(changes, workspace.Change{File: f, Action: workspace.Update, Old: old})
			case errors.Is(err, fs.ErrNotExist):
				changes = append(changes, workspace.Change{File: f, Action: workspace.Create})
			default:
				return err
			}
		}
	}
	if mode == modeDiff {
		w.Write(workspace.Diff(changes)) //nolint:errcheck // best effort to stdout
	}
	summary := workspace.Summary(changes)
	if mode != modeWrite {
		if summary == "" {
			fmt.Fprintln(w, "up to date: nothing would change")
		} else {
			fmt.Fprintf(w, "would change:\n%s", summary)
		}
		reportVersionMove(w, before, e.ToolVersion, mode)
		return nil
	}
	if err := workspace.Apply(dir, changes); err != nil {
		return err
	}
	if err := addMissingRequirements(ctx, w, dir, out); err != nil {
		return err
	}
	if summary == "" {
		fmt.Fprintln(w, "up to date")
	} else {
		fmt.Fprint(w, summary)
	}
	reportVersionMove(w, before, e.ToolVersion, mode)
	return nil
}
