package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/workspace"
)

func newGenerateCmd() *cobra.Command {
	var dir string
	var dryRun, diff bool
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Regenerate the project from api/openapi.yaml and gobackend.yaml",
		Long: `generate rewrites every generated file, creates missing scaffold files and
never touches a file you own. Running it twice changes nothing.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			in, err := engine.ReadInputs(dir)
			if err != nil {
				return err
			}
			out, err := newEngine().Render(cmd.Context(), in)
			if err != nil {
				return err
			}
			changes, err := workspace.Plan(dir, out)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if diff {
				w.Write(workspace.Diff(changes)) //nolint:errcheck // best effort to stdout
			}
			summary := workspace.Summary(changes)
			if dryRun || diff {
				if summary == "" {
					fmt.Fprintln(w, "up to date: nothing would change")
				} else {
					fmt.Fprintf(w, "would change:\n%s", summary)
				}
				return nil
			}
			if err := workspace.Apply(dir, changes); err != nil {
				return err
			}
			if summary == "" {
				fmt.Fprintln(w, "up to date")
			} else {
				fmt.Fprint(w, summary)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "project directory")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would change without writing")
	cmd.Flags().BoolVar(&diff, "diff", false, "print a unified diff of what would change without writing")
	return cmd
}
