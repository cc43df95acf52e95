// Package templates holds the templates of the generated project, one folder
// per module: base (every project), crud (the resource layer, rendered once)
// and resource (rendered once per resource). A template's path below its
// folder is its output path plus ".tmpl"; "__name__" and "__resource__" in a
// path stand for the project name and the resource's package name.
package templates

import "embed"

// FS holds every template.
//
//go:embed all:*
var FS embed.FS
