package codegen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gobackend/gobackend/generator/files"
)

// sqlcTimeout bounds one sqlc run. A normal run takes well under a second;
// the bound only exists so that a wedged child cannot hang a generation
// forever when the caller's context has no deadline.
const sqlcTimeout = 2 * time.Minute

// SQLC runs sqlc in a child process of our own binary (see ChildCommand for
// why it cannot run in-process) over a throwaway copy of the inputs.
type SQLC struct {
	// Command starts our binary in sqlc mode; "generate" is appended to it.
	// Empty means os.Executable() followed by ChildCommand, which works for
	// the CLI (hidden subcommand) and for test binaries whose TestMain calls
	// MaybeRunChild.
	Command []string
	// QueriesDir is the directory of the query files (sqlc.yaml's
	// queries:). Set, their parsing is shared out to parallel children
	// and cached per file (see sqlcsplit.go); empty, one child parses all.
	QueriesDir string
	// CacheDir keeps sqlc's output by the content of its inputs, when
	// QueriesDir is set; empty keeps nothing.
	CacheDir string
	// Workers bounds the children that run at once; 0 is the number of
	// CPUs, at most 4.
	Workers int
}

// Generate runs `sqlc generate` over in and returns the Go files sqlc wrote.
//
// in holds project-relative files: sqlc.yaml at the root plus the schema and
// query files it points at. They are written to a fresh temporary directory
// (not the project) so that a failed or cancelled run leaves the project
// untouched and so that only the files we pass, not stale ones on disk, are
// seen by sqlc. The directory is removed before Generate returns.
//
// The outputs carry project-relative paths, class files.Generated and
// files.GoHeader on line one, sorted by path. On failure the error carries
// sqlc's own message with the temporary directory removed from it, so that
// locations read as project paths ("internal/db/queries/x.sql:12:5: ...").
func (s SQLC) Generate(ctx context.Context, in []files.File) ([]files.File, error) {
	var raw []files.File
	var err error
	if s.QueriesDir != "" {
		raw, err = s.generateSplit(ctx, in)
	} else {
		raw, err = s.generateOnce(ctx, in)
	}
	if err != nil {
		return nil, err
	}
	out := make([]files.File, 0, len(raw))
	for _, f := range raw {
		data, err := rewriteHeader(f.Data)
		if err != nil {
			return nil, fmt.Errorf("sqlc: read output: %s: %w", f.Path, err)
		}
		out = append(out, files.File{Path: f.Path, Data: data, Class: files.Generated})
	}
	return sortFiles(out), nil
}

// generateOnce runs one sqlc child over in and returns what it wrote, as
// sqlc wrote it.
func (s SQLC) generateOnce(ctx context.Context, in []files.File) ([]files.File, error) {
	argv, err := s.command()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "gobackend-sqlc-")
	if err != nil {
		return nil, fmt.Errorf("sqlc: %w", err)
	}
	defer os.RemoveAll(dir)

	inputs, err := writeInputs(dir, in)
	if err != nil {
		return nil, err
	}
	if err := run(ctx, dir, argv); err != nil {
		return nil, err
	}
	return collectOutputs(dir, inputs)
}

// command returns the argv that starts the sqlc child.
func (s SQLC) command() ([]string, error) {
	if len(s.Command) > 0 {
		return s.Command, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("sqlc: locate own executable to start the sqlc child: %w", err)
	}
	return []string{exe, ChildCommand}, nil
}

// writeInputs writes in below dir and returns the set of paths written. Paths
// must be clean, relative and inside the project: they come from our own
// generator, so anything else is a bug worth failing on rather than a file
// to write somewhere outside dir.
func writeInputs(dir string, in []files.File) (map[string]bool, error) {
	written := make(map[string]bool, len(in))
	for _, f := range in {
		if f.Path == "" || path.Clean(f.Path) != f.Path || !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return nil, fmt.Errorf("sqlc: input path %q is not a clean project-relative path", f.Path)
		}
		if written[f.Path] {
			return nil, fmt.Errorf("sqlc: input path %q given twice", f.Path)
		}
		written[f.Path] = true
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fmt.Errorf("sqlc: %w", err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, fmt.Errorf("sqlc: %w", err)
		}
	}
	return written, nil
}

// childRuns counts the sqlc children started, for the tests of the cache.
var childRuns atomic.Int64

// run starts `<argv> generate` in dir and waits for it. Output is captured,
// never passed through: on success sqlc prints nothing worth showing, and on
// failure its message becomes the error.
func run(ctx context.Context, dir string, argv []string) error {
	childRuns.Add(1)
	runCtx, cancel := context.WithTimeout(ctx, sqlcTimeout)
	defer cancel()

	cmd := exec.CommandContext(runCtx, argv[0], append(argv[1:len(argv):len(argv)], "generate")...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// After a kill, do not wait for pipes held open by anything the child
	// might have started.
	cmd.WaitDelay = 5 * time.Second

	err := cmd.Run()
	if err == nil {
		return nil
	}
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("sqlc generate: %w", ctx.Err())
	case runCtx.Err() != nil:
		return fmt.Errorf("sqlc generate: no result after %s, child killed", sqlcTimeout)
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return fmt.Errorf("sqlc generate: start %q: %w", argv[0], err)
	}
	msg := cleanMessage(dir, stderr.String()+stdout.String())
	if msg == "" {
		return fmt.Errorf("sqlc generate failed (%v) without a message", err)
	}
	return fmt.Errorf("sqlc generate: %s", msg)
}

// cleanMessage turns sqlc's output into an error text that names project
// files: the temporary directory (also in its symlink-resolved spelling, as
// on macOS where /var is /private/var) is stripped, and sqlc's "# package
// store" grouping lines are dropped because we only ever generate one
// package.
func cleanMessage(dir, out string) string {
	prefixes := []string{dir}
	if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
		prefixes = append([]string{real}, prefixes...)
	}
	for _, p := range prefixes {
		out = strings.ReplaceAll(out, p+string(filepath.Separator), "")
		out = strings.ReplaceAll(out, p, ".")
	}
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimRight(l, " \t\r")
		if l == "" || strings.HasPrefix(l, "# package ") {
			continue
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// collectOutputs returns every .go file under dir that was not an input,
// i.e. everything sqlc wrote.
func collectOutputs(dir string, inputs map[string]bool) ([]files.File, error) {
	var out []files.File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if inputs[rel] {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, files.File{Path: rel, Data: data, Class: files.Generated})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlc: read output: %w", err)
	}
	return sortFiles(out), nil
}
