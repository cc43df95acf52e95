package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/blueprints"
	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/workspace"
)

func newNewCmd(stdin io.Reader) *cobra.Command {
	var o engine.NewOptions
	var dir string
	var yes, noTidy bool
	cmd := &cobra.Command{
		Use:   "new NAME",
		Short: "Create a new backend project",
		Example: `  gobackend new shop
  gobackend new shop --module example.com/shop --db postgres --yes`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Name = args[0]
			if !yes && isTerminal(stdin) {
				asked, err := promptNew(cmd, &o)
				if err != nil {
					return err
				}
				if asked {
					fmt.Fprintf(cmd.OutOrStdout(), "equivalent command:\n  gobackend new %s --module %s --db %s --blueprint %s --yes\n",
						o.Name, o.Module, o.Database, o.Blueprint)
				}
			}
			if err := o.Validate(); err != nil {
				return err
			}
			if dir == "" {
				dir = o.Name
			}
			if err := ensureEmptyDir(dir); err != nil {
				return err
			}
			out, err := newEngine().New(cmd.Context(), o)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			changes, err := workspace.Plan(dir, out)
			if err != nil {
				return err
			}
			if err := workspace.Apply(dir, changes); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "created %s (%d files, %s, blueprint %s)\n", dir, len(out), o.Database, o.Blueprint)
			if !noTidy {
				fmt.Fprintln(w, "running go mod tidy...")
				if err := goModTidy(cmd, dir); err != nil {
					return err
				}
			}
			fmt.Fprintf(w, "\nnext:\n  cd %s\n  go run ./cmd/%s serve\n", dir, o.Name)
			if noTidy {
				fmt.Fprintf(w, "(run `go mod tidy` first: --no-tidy skipped it)\n")
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Module, "module", "", "Go module path (default: NAME)")
	f.StringVar(&o.Database, "db", "", "database: sqlite or postgres (default sqlite)")
	f.StringVar(&o.Blueprint, "blueprint", "", "starting point: "+strings.Join(blueprints.Names(), ", ")+" (default "+blueprints.Default+")")
	f.StringVar(&dir, "dir", "", "directory to create (default: NAME)")
	f.BoolVarP(&yes, "yes", "y", false, "never prompt; use defaults for what flags leave out")
	f.BoolVar(&noTidy, "no-tidy", false, "skip go mod tidy")
	return cmd
}

// ensureEmptyDir refuses to render into a directory that has files, so a
// new project never mixes with (or overwrites) something that was there.
func ensureEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	if len(entries) > 0 {
		abs, _ := filepath.Abs(dir)
		return &exitError{code: exitInput, err: fmt.Errorf("%s already exists and is not empty: choose another NAME or --dir", abs)}
	}
	return nil
}

// goModTidy resolves the generated project's dependencies.
func goModTidy(cmd *cobra.Command, dir string) error {
	var stderr bytes.Buffer
	c := exec.CommandContext(cmd.Context(), "go", "mod", "tidy")
	c.Dir = dir
	c.Stdout = cmd.ErrOrStderr()
	c.Stderr = &stderr
	if err := c.Run(); err != nil {
		return fmt.Errorf("go mod tidy in %s: %v\n%s", dir, err, stderr.String())
	}
	return nil
}
