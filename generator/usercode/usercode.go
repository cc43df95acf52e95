// Package usercode reads the Go code the user owns in a generated project's
// API package, to learn which operations of the strict server interface the
// user implements. gobackend then generates neither a handler nor a 501 stub
// for them, so the package always compiles: every operation is declared
// exactly once, by the user or by the generator.
//
// Only syntax is needed (method names and receivers), so the files are
// parsed without type checking: that works while the generated half of the
// package is stale or missing, which is exactly when generate runs.
package usercode

import (
	"errors"
	"fmt"
	"go/ast"
	"go/scanner"
	"io/fs"
	"strings"
)

// Dir is the project-relative directory of the API package.
const Dir = "internal/api"

// Receiver is the type, declared in the generated handler.gen.go, that
// implements StrictServerInterface.
const Receiver = "Server"

// ParseError is a syntax error in a user file, positioned as
// "internal/api/stats.go:3:1: ..." relative to the project root.
type ParseError struct{ Err error }

func (e *ParseError) Error() string { return e.Err.Error() }
func (e *ParseError) Unwrap() error { return e.Err }

// IsParseError reports whether err is the user's syntax error (bad input)
// rather than a failure to read the project.
func IsParseError(err error) bool {
	var pe *ParseError
	return errors.As(err, &pe)
}

// UserFile reports whether a file name in the API package is the user's:
// Go, not generated (*.gen.go), not a test (tests are another package or
// at least not part of the build the interface is checked in).
func UserFile(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, ".gen.go") && !strings.HasSuffix(name, "_test.go")
}

// Methods returns the names of the methods declared on Server (pointer or
// value receiver) in the user files of dir in fsys. A missing dir is no
// user code. The first syntax error is returned as a *ParseError naming
// file, line and column; files are read in name order so it is always the
// same one.
func Methods(fsys fs.FS, dir string) (map[string]bool, error) {
	methods := map[string]bool{}
	err := eachUserFile(fsys, dir, true, func(f *ast.File) {
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && len(fn.Recv.List) == 1 && receiverIs(fn.Recv.List[0].Type, Receiver) {
				methods[fn.Name.Name] = true
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return methods, nil
}

// receiverIs reports whether a receiver type expression is T or *T,
// parentheses allowed.
func receiverIs(x ast.Expr, name string) bool {
	for {
		switch t := x.(type) {
		case *ast.ParenExpr:
			x = t.X
		case *ast.StarExpr:
			x = t.X
		case *ast.Ident:
			return t.Name == name
		default:
			return false
		}
	}
}

// parseError keeps only the first of go/parser's errors (later ones are
// usually consequences of it) and says that the file is the user's.
func parseError(err error) error {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		first := list[0]
		msg := first.Msg
		if len(list) > 1 {
			msg += fmt.Sprintf(" (and %d more errors)", len(list)-1)
		}
		return &ParseError{fmt.Errorf("%s: %s (gobackend reads the methods this file declares on *%s)", first.Pos, msg, Receiver)}
	}
	return &ParseError{err}
}
