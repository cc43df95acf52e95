package manifest

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a manifest (or, via NewError, in a later stage
// that checks the manifest against the spec). It formats like a compiler
// diagnostic, file:line:col: path: msg (hint), so editors and CI logs can
// jump to the spot.
type Error struct {
	File string
	Line int
	Col  int
	Path string // dotted location such as "resources.orders.sort"; may be empty
	Msg  string
	Hint string // optional, e.g. `did you mean "total"?`
}

// NewError builds an Error at pos. Later stages use it so that all
// manifest-related diagnostics share one format.
func NewError(file string, pos Pos, path, msg, hint string) *Error {
	return &Error{File: file, Line: pos.Line, Col: pos.Col, Path: path, Msg: msg, Hint: hint}
}

// Pos returns the position of the error.
func (e *Error) Pos() Pos { return Pos{Line: e.Line, Col: e.Col} }

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Errors is a list of problems. Parse reports all of them at once so the
// user can fix a manifest in one pass instead of one error per run.
type Errors []*Error

// Error joins the messages with newlines, one diagnostic per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the errors by line, then column, keeping the discovery order
// of errors at the same spot, so output reads top to bottom like the file.
func (es Errors) Sort() {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Line != es[j].Line {
			return es[i].Line < es[j].Line
		}
		return es[i].Col < es[j].Col
	})
}

// Err returns nil when there are no errors and es (sorted) otherwise. It
// avoids the classic non-nil-interface-holding-nil-slice mistake.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	es.Sort()
	return es
}
