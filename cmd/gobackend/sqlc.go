package main

import (
	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/generator/codegen"
)

// newSQLCCmd is the hidden child mode in which gobackend runs sqlc for its
// own parent process (see codegen.ChildCommand for why).
func newSQLCCmd() *cobra.Command {
	return &cobra.Command{
		Use:                codegen.ChildCommand,
		Hidden:             true,
		DisableFlagParsing: true,
		RunE: func(_ *cobra.Command, args []string) error {
			if code := codegen.RunSQLC(args); code != 0 {
				return &exitError{code: code}
			}
			return nil
		},
	}
}
