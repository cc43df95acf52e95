package engine

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/gobackend/gobackend/blueprints"
	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/render"
)

// NewOptions are the choices of `gobackend new`.
type NewOptions struct {
	Name      string
	Module    string // default: the name
	Database  string // sqlite or postgres
	Blueprint string // default blueprints.Default
}

var validName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// Validate checks the options and fills defaults.
func (o *NewOptions) Validate() error {
	if !validName.MatchString(o.Name) {
		return &InputError{fmt.Errorf("invalid project name %q: use lower-case letters, digits and dashes, starting with a letter (e.g. shop)", o.Name)}
	}
	if o.Module == "" {
		o.Module = o.Name
	}
	if strings.ContainsAny(o.Module, " \t\\") || strings.HasPrefix(o.Module, "/") || strings.HasSuffix(o.Module, "/") {
		return &InputError{fmt.Errorf("invalid module path %q: use a Go module path such as example.com/%s", o.Module, o.Name)}
	}
	if o.Database == "" {
		o.Database = "sqlite"
	}
	if o.Database != "sqlite" && o.Database != "postgres" {
		return &InputError{fmt.Errorf("invalid database %q: use sqlite or postgres", o.Database)}
	}
	if o.Blueprint == "" {
		o.Blueprint = blueprints.Default
	}
	if !slices.Contains(blueprints.Names(), o.Blueprint) {
		return &InputError{fmt.Errorf("unknown blueprint %q: available: %s", o.Blueprint, strings.Join(blueprints.Names(), ", "))}
	}
	return nil
}

// New renders a whole new project from a blueprint: its two inputs (as
// scaffold files, the user's from then on) and everything they generate.
func (e *Engine) New(ctx context.Context, o NewOptions) ([]files.File, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	bp, err := render.Dir(blueprints.FS, o.Blueprint, blueprints.Data{Name: o.Name, Module: o.Module, Database: o.Database}, nil)
	if err != nil {
		return nil, err
	}
	in := &Inputs{}
	for i := range bp {
		bp[i].Class = files.Scaffold
		switch bp[i].Path {
		case ManifestFile:
			in.Manifest = bp[i].Data
		case "api/openapi.yaml":
			in.Spec = bp[i].Data
		}
	}
	out, err := e.Render(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("blueprint %s: %w", o.Blueprint, err)
	}
	return append(out, bp...), nil
}
