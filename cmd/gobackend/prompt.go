package main

import (
	"io"
	"os"

	"github.com/AlecAivazis/survey/v2"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/gobackend/gobackend/blueprints"
	"github.com/gobackend/gobackend/generator/engine"
)

// isTerminal reports whether r is an interactive terminal. survey fails
// with EOF without one, so prompts are only ever shown on a terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// promptNew asks for what the flags left out; it reports whether it asked.
func promptNew(cmd *cobra.Command, o *engine.NewOptions) (bool, error) {
	var qs []*survey.Question
	if !cmd.Flags().Changed("module") {
		qs = append(qs, &survey.Question{Name: "module", Prompt: &survey.Input{Message: "Go module path:", Default: o.Name}})
	}
	if !cmd.Flags().Changed("db") {
		qs = append(qs, &survey.Question{Name: "database", Prompt: &survey.Select{Message: "Database:", Options: []string{"sqlite", "postgres"}, Default: "sqlite",
			Description: func(v string, _ int) string {
				if v == "sqlite" {
					return "embedded, nothing to install"
				}
				return "PostgreSQL via DATABASE_URL"
			}}})
	}
	if !cmd.Flags().Changed("blueprint") && len(blueprints.Names()) > 1 {
		qs = append(qs, &survey.Question{Name: "blueprint", Prompt: &survey.Select{Message: "Blueprint:", Options: blueprints.Names(), Default: blueprints.Default}})
	}
	if len(qs) == 0 {
		return false, nil
	}
	ans := struct {
		Module    string
		Database  string
		Blueprint string
	}{o.Module, o.Database, o.Blueprint}
	f := cmd.InOrStdin().(*os.File)
	out, _ := cmd.OutOrStdout().(*os.File)
	if out == nil {
		out = os.Stdout
	}
	if err := survey.Ask(qs, &ans, survey.WithStdio(f, out, os.Stderr)); err != nil {
		return false, err
	}
	o.Module, o.Database, o.Blueprint = ans.Module, ans.Database, ans.Blueprint
	return true, nil
}
