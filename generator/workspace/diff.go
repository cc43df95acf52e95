package workspace

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
)

// Diff renders every Create, Update and Delete as a unified diff, in path
// order, with git-style a/ and b/ names and /dev/null for the missing side,
// so the output of `generate --diff` and `check` can be read like a patch.
// Unchanged and Keep produce nothing: they are not going to change.
func Diff(changes []Change) []byte {
	var out []byte
	for _, c := range sorted(changes) {
		oldName, newName := "a/"+c.File.Path, "b/"+c.File.Path
		var old, new []byte
		switch c.Action {
		case Create:
			oldName, new = "/dev/null", c.File.Data
		case Update:
			old, new = c.Old, c.File.Data
		case Delete:
			old, newName = c.Old, "/dev/null"
		default:
			continue
		}
		d := diff.Diff(oldName, old, newName, new)
		if d == nil {
			// Creating or deleting an empty file has no hunks, but it is
			// still a change the reader must see.
			d = fmt.Appendf(nil, "diff %s %s\n--- %s\n+++ %s\n", oldName, newName, oldName, newName)
		}
		out = append(out, d...)
	}
	return out
}

// Summary lists what Apply will do, one "  verb  path" line per Create,
// Update and Delete in path order, for `generate` and `--dry-run` output.
// Files left alone are omitted so the summary shows only what moves.
func Summary(changes []Change) string {
	var b strings.Builder
	for _, c := range sorted(changes) {
		switch c.Action {
		case Create, Update, Delete:
			fmt.Fprintf(&b, "  %s  %s\n", c.Action, c.File.Path)
		}
	}
	return b.String()
}

// sorted returns the changes in path order without reordering the caller's
// slice.
func sorted(changes []Change) []Change {
	cs := slices.Clone(changes)
	sortChanges(cs)
	return cs
}
