package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/generator/engine"
)

// Exit codes: the contract every command keeps.
const (
	exitOK    = 0
	exitDrift = 1 // check found drift, or the tool failed
	exitInput = 2 // usage error or invalid input
)

// exitError carries an exit code chosen by a command.
type exitError struct {
	code int
	err  error // nil when the command already printed what went wrong
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

// usageError marks a command-line mistake (exit 2).
func usageError(format string, args ...any) error {
	return &exitError{code: exitInput, err: fmt.Errorf(format, args...)}
}

// Main runs the CLI and returns its exit code; main only passes it to
// os.Exit, so tests can call Main directly.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root := newRootCmd(stdin)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintln(stderr, "gobackend:", ee.err)
		}
		return ee.code
	case engine.IsInputError(err):
		fmt.Fprintln(stderr, err)
		return exitInput
	case isFlagError(err), strings.HasPrefix(err.Error(), "unknown command"):
		fmt.Fprintf(stderr, "gobackend: %v\nRun 'gobackend --help' for usage.\n", err)
		return exitInput
	}
	fmt.Fprintln(stderr, "gobackend:", err)
	return exitDrift
}

// flagError wraps cobra's flag and argument errors so they exit 2.
type flagError struct{ err error }

func (e *flagError) Error() string { return e.err.Error() }

func isFlagError(err error) bool {
	var fe *flagError
	return errors.As(err, &fe)
}

func newRootCmd(stdin io.Reader) *cobra.Command {
	root := &cobra.Command{
		Use:   "gobackend",
		Short: "Generate and keep in sync a Go backend from an OpenAPI spec and a manifest",
		Long: `gobackend renders a complete Go backend (net/http, sqlc, goose) from
api/openapi.yaml and gobackend.yaml, and regenerates it when they change.

Exit codes: 0 ok, 1 check found drift (or the tool failed), 2 usage or invalid input.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &flagError{err} })
	root.AddCommand(newNewCmd(stdin), newAddCmd(stdin), newGenerateCmd(), newCheckCmd(), newMigrationCmd(), newTemplateCmd(), newVersionCmd(), newSQLCCmd())
	for _, c := range root.Commands() {
		if c.Args != nil {
			args := c.Args
			c.Args = func(cmd *cobra.Command, a []string) error {
				if err := args(cmd, a); err != nil {
					return &flagError{err}
				}
				return nil
			}
		}
	}
	return root
}

// newEngine returns the engine the commands share. sqlc's output is
// cached by the content of its inputs in the user's cache directory
// (GOBACKEND_CACHE=off keeps none), so that regenerating an unchanged
// schema and queries, and check, parse no SQL.
func newEngine() *engine.Engine {
	e := &engine.Engine{ToolVersion: toolVersion()}
	if dir, err := os.UserCacheDir(); err == nil && os.Getenv("GOBACKEND_CACHE") != "off" {
		e.SQLC.CacheDir = filepath.Join(dir, "gobackend", "sqlc")
	}
	return e
}
