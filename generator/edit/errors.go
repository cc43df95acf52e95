package edit

import (
	"fmt"
	"strings"

	"github.com/gobackend/gobackend/generator/naming"
)

// Error is a bad argument of `add resource`: which argument, what is wrong
// with it and how to fix it, formatted like the manifest's diagnostics:
//
//	field "price:decmal": unknown type "decmal" (did you mean "decimal"?)
type Error struct {
	Kind string // "field", "resource", "--owned"
	Arg  string // the argument as typed
	Msg  string
	Hint string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Arg != "" {
		fmt.Fprintf(&b, "%s %q: ", e.Kind, e.Arg)
	} else if e.Kind != "" {
		fmt.Fprintf(&b, "%s: ", e.Kind)
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		fmt.Fprintf(&b, " (%s)", e.Hint)
	}
	return b.String()
}

// Errors holds every bad argument, so one run reports them all.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// goEnumName is the part of a Go constant name oapi-codegen derives from an
// enum value.
func goEnumName(v string) string { return naming.OapiField(v) }
