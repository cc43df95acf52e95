package codegen

import (
	"os"
	"runtime/debug"

	sqlccli "github.com/sqlc-dev/sqlc/pkg/cli"
)

// ChildCommand is the hidden first argument that turns our own binary into a
// sqlc process. sqlc is linked in as a library but cannot be run in the
// process that uses it: it calls os.Exit(1) on bad SQL or config and writes
// straight to os.Stdout and os.Stderr. So the engine re-executes its own
// binary with this argument (see SQLC) and talks to it through the exit code
// and the captured output. The name starts with underscores so that it never
// collides with a user-facing command.
const ChildCommand = "__sqlc"

// RunSQLC runs the sqlc command line with args (without the program name,
// e.g. ["generate"]) and returns its exit code. It may exit the process
// itself, so it must only be called in a child started for it: the CLI's
// hidden ChildCommand subcommand, or MaybeRunChild.
func RunSQLC(args []string) int {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(childGCPercent)
	}
	return sqlccli.Run(args)
}

// childGCPercent is the GC target of a sqlc child, unless GOGC is set.
// sqlc's SQLite parser (ANTLR) allocates gigabytes of short-lived
// prediction state for a large project while its live heap stays small, so
// at Go's default of 100 a quarter of the child's time went to the
// collector. At 400 that share mostly goes, for a peak heap of a few
// hundred MB in a child that lives seconds.
const childGCPercent = 400

// MaybeRunChild makes a binary serve as its own sqlc child: when the first
// argument is ChildCommand it runs sqlc with the remaining arguments and
// exits with sqlc's code; otherwise it returns and the program goes on.
//
// It is meant for TestMain in packages whose tests call the engine, because
// there os.Executable() is the test binary, which has no CLI subcommands:
//
//	func TestMain(m *testing.M) {
//		codegen.MaybeRunChild()
//		os.Exit(m.Run())
//	}
//
// It must run before m.Run; otherwise the child would run the package's
// tests instead of sqlc.
func MaybeRunChild() {
	if len(os.Args) > 1 && os.Args[1] == ChildCommand {
		os.Exit(RunSQLC(os.Args[2:]))
	}
}
