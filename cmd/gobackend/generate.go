package main

import (
	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/generator/engine"
)

func newGenerateCmd() *cobra.Command {
	var dir string
	var dryRun, diff, allowDestructive bool
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
			mode := modeWrite
			switch {
			case diff:
				mode = modeDiff
			case dryRun:
				mode = modeDryRun
			}
			e := newEngine()
			e.AllowDestructive = allowDestructive
			return regenerate(cmd.Context(), cmd.OutOrStdout(), e, dir, in, nil, mode)
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "project directory")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would change without writing")
	cmd.Flags().BoolVar(&diff, "diff", false, "print a unified diff of what would change without writing")
	cmd.Flags().BoolVar(&allowDestructive, "allow-destructive", false, "allow a migration that drops tables or columns or narrows types")
	return cmd
}
