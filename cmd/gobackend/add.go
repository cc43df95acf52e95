package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gobackend/gobackend/generator/edit"
	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/manifest"
)

func newAddCmd(stdin io.Reader) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Add to the project's spec and manifest, then regenerate",
		// Without this, cobra would run add with an unknown subcommand as
		// its argument; answer with a usage error and a suggestion instead.
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("add needs what to add, e.g. gobackend add resource products name:string")
			}
			hint := ""
			if s := manifest.Suggest(args[0], []string{"resource", "job", "mail"}); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			return usageError("unknown command %q for \"gobackend add\"%s", args[0], hint)
		},
	}
	cmd.AddCommand(newAddResourceCmd(stdin), newAddJobCmd(), newAddMailCmd())
	return cmd
}

func newAddResourceCmd(stdin io.Reader) *cobra.Command {
	var dir string
	var owned, yes bool
	cmd := &cobra.Command{
		Use:   "resource NAME [FIELD ...]",
		Short: "Add a CRUD resource: its schemas and operations to the spec, its entry to the manifest",
		Long: `add resource writes a resource into api/openapi.yaml (schemas X, XCreate,
XUpdate, XPage, an enum schema per enum field, the tag and the five CRUD
operations) and gobackend.yaml (its entry under resources), keeping every
comment and line you wrote, then regenerates the project.

NAME may be singular or plural, in any case: Person, people, order_item and
OrderItems all work (the manifest key is plural snake_case, the schema
singular PascalCase).

FIELD is name:type[:modifier]...
  types      string (max 255) text int bigint float decimal bool uuid time
             date enum=a,b,c ref=RESOURCE (a foreign key, also a filter)
  modifiers  optional unique index filter sort search default=V min=N max=N
             (min/max: length for string and text, value for numbers)

On a terminal, without --yes, it asks for the fields when none are given.`,
		Example: `  gobackend add resource products name:string:unique price:decimal:filter
  gobackend add resource OrderItem order_id:ref=orders quantity:int:min=1 note:text:optional
  gobackend add resource people name:string:sort status:enum=active,retired:filter:default=active`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("add resource needs a NAME, e.g. gobackend add resource products name:string price:decimal")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := engine.ReadInputs(dir)
			if err != nil {
				return err
			}
			m, err := manifest.Parse(engine.ManifestFile, in.Manifest)
			if err != nil {
				return &engine.InputError{Err: err}
			}
			e := newEngine()
			// A project that is already invalid would make every later
			// error look like the new resource's fault.
			if _, err := e.Model(in); err != nil {
				return err
			}
			ein := edit.Inputs{ManifestFile: engine.ManifestFile, Manifest: in.Manifest, SpecFile: m.Spec, Spec: in.Spec}
			req := edit.Request{Name: args[0], Fields: args[1:], Owned: owned}
			askOwned := !cmd.Flags().Changed("owned") && m.HasFeature(manifest.FeatureAuth)
			if !yes && isTerminal(stdin) && (len(req.Fields) == 0 || askOwned) {
				// Refuse a bad NAME before asking anything about it.
				check := req
				check.AllowNoFields = true
				if err := edit.Check(ein, check); err != nil {
					return &engine.InputError{Err: err}
				}
				asked, err := promptResource(cmd, ein, &req, askOwned)
				if err != nil {
					return err
				}
				if asked {
					fmt.Fprintf(cmd.OutOrStdout(), "equivalent command:\n  %s\n", equivalentAdd(dir, req))
				}
			}
			res, err := edit.AddResource(ein, req)
			if err != nil {
				return &engine.InputError{Err: err}
			}
			next := *in
			next.Manifest, next.Spec = res.Manifest, res.Spec
			if _, err := e.Model(&next); err != nil {
				return &engine.InputError{Err: fmt.Errorf("adding %s would leave the inputs invalid; nothing was written:\n%w", res.Names.Key, err)}
			}
			edited := []files.File{
				{Path: engine.ManifestFile, Data: res.Manifest, Class: files.Scaffold},
				{Path: filepath.ToSlash(m.Spec), Data: res.Spec, Class: files.Scaffold},
			}
			var summary bytes.Buffer
			if err := regenerate(cmd.Context(), &summary, e, dir, &next, edited, modeWrite); err != nil {
				return err
			}
			reportAdd(cmd.OutOrStdout(), m, res, summary.String())
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&dir, "dir", "C", ".", "project directory")
	f.BoolVar(&owned, "owned", false, "rows belong to the signed-in user (needs feature auth)")
	f.BoolVarP(&yes, "yes", "y", false, "never prompt")
	return cmd
}

// equivalentAdd is the flags-only command that does what the prompts did.
func equivalentAdd(dir string, req edit.Request) string {
	parts := []string{"gobackend add resource", req.Name}
	parts = append(parts, req.Fields...)
	if req.Owned {
		parts = append(parts, "--owned")
	}
	if dir != "." {
		parts = append(parts, "-C", dir)
	}
	return strings.Join(append(parts, "--yes"), " ")
}

// reportAdd says what was added where, what regenerate wrote, and what to
// do next.
func reportAdd(w io.Writer, m *manifest.Manifest, res *edit.Result, summary string) {
	n := res.Names
	fmt.Fprintf(w, "added resource %s (schema %s, %s):\n", n.Key, n.Schema, n.Path)
	fmt.Fprintf(w, "  %s: schemas %s; paths %s, %s/{id}\n", m.Spec, strings.Join(res.Schemas, ", "), n.Path, n.Path)
	if len(res.Shared) > 0 {
		fmt.Fprintf(w, "  %s: shared components it lacked: %s\n", m.Spec, strings.Join(res.Shared, ", "))
	}
	fmt.Fprintf(w, "  %s: resources.%s\n", engine.ManifestFile, n.Key)
	fmt.Fprint(w, summary)
	fmt.Fprintf(w, "\nnext:\n  business rules go in internal/%s/hooks.go\n  go run ./cmd/%s serve\n", n.Package, m.Name)
}

// featureProject reads the project in dir for an `add` of something a
// feature owns (a job, a mail): its inputs and manifest, refused with the
// fix when the feature is off, and an engine that has proven the project
// valid as it is, so that a later error is the addition's fault.
func featureProject(dir, feature, what string) (*engine.Inputs, *manifest.Manifest, *engine.Engine, error) {
	in, err := engine.ReadInputs(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	m, err := manifest.Parse(engine.ManifestFile, in.Manifest)
	if err != nil {
		return nil, nil, nil, &engine.InputError{Err: err}
	}
	if !m.HasFeature(feature) {
		return nil, nil, nil, &engine.InputError{Err: fmt.Errorf("add %s needs feature %s: add %s to features in %s, then run gobackend generate", what, feature, feature, engine.ManifestFile)}
	}
	e := newEngine()
	if _, err := e.Model(in); err != nil {
		return nil, nil, nil, err
	}
	return in, m, e, nil
}
