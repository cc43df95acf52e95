// Package blueprints holds the named starting points of `gobackend new`:
// each folder is a manifest and a spec, rendered with the project's name,
// module and database, after which they belong to the user.
package blueprints

import (
	"embed"
	"io/fs"
	"sort"
)

// FS holds every blueprint, one folder each.
//
//go:embed all:api all:accounts
var FS embed.FS

// Default is the blueprint `new` uses when none is named.
const Default = "api"

// Names lists the available blueprints.
func Names() []string {
	entries, _ := fs.ReadDir(FS, ".")
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// Data is what a blueprint template sees.
type Data struct {
	Name     string
	Module   string
	Database string
}
