package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/workspace"
)

func newCheckCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify the generated code is in sync with the inputs (for CI)",
		Long: `check renders the project in memory and compares it with the disk.
Exit 0 when in sync; 1 on drift, listing each stale file with a unified diff
and any pending migration; 2 on invalid input.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			in, err := engine.ReadInputs(dir)
			if err != nil {
				return err
			}
			// check only compares: a destructive migration still pending is
			// drift to report, not a change to refuse.
			e := newEngine()
			e.AllowDestructive = true
			out, err := e.Render(cmd.Context(), in)
			if err != nil {
				return err
			}
			rep, err := workspace.Check(dir, out)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if rep.InSync() {
				fmt.Fprintln(w, "in sync")
				return nil
			}
			errw := cmd.ErrOrStderr()
			for _, p := range rep.Stale {
				fmt.Fprintf(errw, "stale: %s\n", p)
			}
			for _, p := range rep.Missing {
				fmt.Fprintf(errw, "missing: %s\n", p)
			}
			for _, p := range rep.Pending {
				fmt.Fprintf(errw, "pending migration: %s\n", p)
			}
			w.Write(rep.Diff) //nolint:errcheck // best effort to stdout
			fmt.Fprintln(errw, "out of sync: run `gobackend generate` and commit the result")
			return &exitError{code: exitDrift}
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "project directory")
	return cmd
}
