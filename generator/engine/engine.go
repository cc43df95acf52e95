// Package engine runs the pipeline: load the two inputs, validate, resolve
// the model, render the templates, run oapi-codegen and sqlc, and return the
// full set of project files. It never writes; workspace does.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gobackend/gobackend/generator/codegen"
	"github.com/gobackend/gobackend/generator/features"
	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/manifest"
	"github.com/gobackend/gobackend/generator/model"
	"github.com/gobackend/gobackend/generator/render"
	"github.com/gobackend/gobackend/generator/spec"
	"github.com/gobackend/gobackend/generator/usercode"
)

// ManifestFile is the manifest's name at the project root.
const ManifestFile = "gobackend.yaml"

// MigrationsDir holds the goose migrations of a project.
const MigrationsDir = "internal/db/migrations"

// QueriesDir holds the sqlc query files, generated and the user's.
const QueriesDir = "internal/db/queries"

// GoVersion is the go directive of generated projects.
const GoVersion = "1.26"

// Inputs are the user-owned files the pipeline reads.
type Inputs struct {
	Manifest   []byte
	Spec       []byte
	Migrations []files.File // migrations already in the project, by name
	Snapshot   []byte       // internal/db/schema.gen.json, nil when absent
	// UserQueries are the user's sqlc query files: every .sql file in
	// QueriesDir without ".gen." in its name. sqlc compiles them into the
	// store package with the generated ones.
	UserQueries []files.File
	// UserMethods are the methods user code in internal/api declares on
	// Server: the operations among them get no generated handler or stub.
	UserMethods map[string]bool
	// LegacyHooks are the resource packages whose newHooks takes no deps.
	LegacyHooks map[string]bool
	// UserJobs are the jobs the user's files in internal/jobs declare
	// (feature jobs), by Go name.
	UserJobs []string
	// Templates are the project's template overrides, read from
	// .gobackend/templates and keyed by embedded template path.
	Templates render.Overrides
}

// InputError marks bad user input (exit code 2), as opposed to a failure of
// the tool or the environment.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// IsInputError reports whether err is the user's to fix.
func IsInputError(err error) bool {
	var ie *InputError
	return errors.As(err, &ie)
}

// Engine renders projects.
type Engine struct {
	ToolVersion string
	// AllowDestructive lets a migration drop tables or columns or narrow
	// types; without it such a change is refused.
	AllowDestructive bool
	SQLC             codegen.SQLC
}

// ReadInputs reads a project's inputs from dir.
func ReadInputs(dir string) (*Inputs, error) {
	in := &Inputs{}
	var err error
	if in.Manifest, err = os.ReadFile(filepath.Join(dir, ManifestFile)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &InputError{fmt.Errorf("%s not found in %s: run gobackend in a project directory, or create one with `gobackend new`", ManifestFile, dir)}
		}
		return nil, err
	}
	m, err := manifest.Parse(ManifestFile, in.Manifest)
	if err != nil {
		return nil, &InputError{err}
	}
	if in.Spec, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(m.Spec))); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &InputError{fmt.Errorf("%s:%d:%d: spec: %s does not exist", ManifestFile, m.SpecPos.Line, m.SpecPos.Col, m.Spec)}
		}
		return nil, err
	}
	if in.Migrations, err = readSQL(dir, MigrationsDir, files.Migration, func(string) bool { return true }); err != nil {
		return nil, err
	}
	goMigrations, err := readFiles(dir, MigrationsDir, ".go", files.Migration, isGoMigration)
	if err != nil {
		return nil, err
	}
	in.Migrations = append(in.Migrations, goMigrations...)
	userQuery := func(name string) bool { return !strings.Contains(name, ".gen.") }
	if in.UserQueries, err = readSQL(dir, QueriesDir, files.Scaffold, userQuery); err != nil {
		return nil, err
	}
	in.Snapshot, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(SnapshotFile)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if in.Templates, err = readOverrides(dir); err != nil {
		return nil, err
	}
	if in.UserMethods, err = usercode.Methods(os.DirFS(dir), usercode.Dir); err != nil {
		if usercode.IsParseError(err) {
			err = &InputError{err}
		}
		return nil, err
	}
	if in.LegacyHooks, err = usercode.LegacyHooks(os.DirFS(dir), "internal"); err != nil {
		return nil, err
	}
	if in.UserJobs, err = usercode.Jobs(os.DirFS(dir), usercode.JobsDir); err != nil {
		return nil, err
	}
	return in, nil
}

// readSQL reads the .sql files of the project directory sub that keep
// accepts, by name, as files of class; a missing directory has none.
func readSQL(dir, sub string, class files.Class, keep func(name string) bool) ([]files.File, error) {
	return readFiles(dir, sub, ".sql", class, keep)
}

// isGoMigration matches the numbered goose Go migrations features add
// ("00005_river.go"), not the generated embed file or tests.
func isGoMigration(name string) bool {
	return migrationName.MatchString(name) && !strings.HasSuffix(name, "_test.go")
}

// readFiles reads the files of sub with the extension ext that keep accepts.
func readFiles(dir, sub, ext string, class files.Class, keep func(name string) bool) ([]files.File, error) {
	entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(sub)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var out []files.File
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ext) || !keep(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(sub), e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, files.File{Path: sub + "/" + e.Name(), Data: data, Class: class})
	}
	return out, nil
}

// readOverrides reads every file below .gobackend/templates, keyed by its
// slash path below that directory; nil when there is none.
func readOverrides(dir string) (render.Overrides, error) {
	base := filepath.Join(dir, filepath.FromSlash(render.OverrideDir))
	var ov render.Overrides
	err := filepath.WalkDir(base, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == base && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(base, name)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if ov == nil {
			ov = render.Overrides{}
		}
		ov[filepath.ToSlash(rel)] = data
		return nil
	})
	return ov, err
}

// Model validates the inputs and resolves the model.
func (e *Engine) Model(in *Inputs) (*model.Project, error) {
	p, _, err := e.model(in)
	return p, err
}

// model resolves the project and returns the document oapi-codegen must
// see: the user's, with what features merge in, loaded and validated once.
// Nothing in the project refers to it, so the caller may hand it over.
func (e *Engine) model(in *Inputs) (*model.Project, *openapi3.T, error) {
	m, err := manifest.Parse(ManifestFile, in.Manifest)
	if err != nil {
		return nil, nil, &InputError{err}
	}
	doc, err := spec.Parse(m.Spec, in.Spec)
	if err != nil {
		return nil, nil, &InputError{err}
	}
	mods, err := features.Modules(m.Features)
	if err != nil {
		return nil, nil, &InputError{featureError(m, err)}
	}
	if err := requiresError(m, mods); err != nil {
		return nil, nil, &InputError{err}
	}
	if _, err := features.Merge(doc.T, m.Features, featureRoles(m)); err != nil {
		return nil, nil, &InputError{fmt.Errorf("%s: %w", m.Spec, err)}
	}
	if err := doc.Validate(); err != nil {
		return nil, nil, &InputError{err}
	}
	p, err := model.Resolve(m, doc, model.Options{GoVersion: GoVersion, ToolVersion: e.ToolVersion, UserMethods: in.UserMethods, LegacyHooks: in.LegacyHooks, Modules: mods, Jobs: in.UserJobs})
	if err != nil {
		return nil, nil, &InputError{err}
	}
	return p, doc.T, nil
}

// featureRoles is which features' operations the manifest restricts to
// roles.
func featureRoles(m *manifest.Manifest) map[string][]string {
	if m.WebhookEndpoints == manifest.WebhookEndpointsAdmin {
		return map[string][]string{manifest.FeatureWebhooks: {"admin"}}
	}
	return nil
}

// Render returns every file of the project for the given inputs.
func (e *Engine) Render(ctx context.Context, in *Inputs) ([]files.File, error) {
	p, doc, err := e.model(in)
	if err != nil {
		return nil, err
	}
	// oapi-codegen runs while the templates render and the sqlc children
	// parse the queries.
	type apiResult struct {
		src, served []byte
		err         error
	}
	api := make(chan apiResult, 1)
	go func() {
		// The served document is the contract the server serves and
		// validates against: the user's (with what features merge in), not
		// the one oapi-codegen saw.
		src, served, err := codegen.OpenAPIFromDoc(doc, codegen.OpenAPIOptions{Package: "api", Clearable: p.Clearable()})
		api <- apiResult{src, served, err}
	}()
	apiOut := func() ([]files.File, error) {
		r := <-api
		if r.err != nil {
			return nil, &InputError{fmt.Errorf("%s: %w", p.SpecPath, r.err)}
		}
		return []files.File{
			{Path: "internal/api/api.gen.go", Data: r.src, Class: files.Generated},
			{Path: "internal/api/openapi.gen.json", Data: r.served, Class: files.Generated},
		}, nil
	}

	out, err := render.TemplatesWith(p, in.Templates)
	if err != nil {
		var oe *render.OverrideError
		if errors.As(err, &oe) {
			return nil, &InputError{err}
		}
		return nil, err
	}
	if out, err = e.planMigrations(p, in, out); err != nil {
		return nil, err
	}

	var sqlcIn []files.File
	for _, f := range out {
		if f.Path == "sqlc.yaml" || (path.Ext(f.Path) == ".sql" && (strings.HasPrefix(f.Path, QueriesDir+"/") || strings.HasPrefix(f.Path, MigrationsDir+"/"))) {
			sqlcIn = append(sqlcIn, f)
		}
	}
	// The user's query files go to sqlc only: they are not outputs, so
	// generation never writes them.
	sqlcIn = append(sqlcIn, in.UserQueries...)
	sq := e.SQLC
	sq.QueriesDir = QueriesDir // shared out to parallel children, cached per file
	stored, err := sq.Generate(ctx, sqlcIn)
	// A bad spec is reported before a bad query, as before they overlapped.
	apiFiles, apiErr := apiOut()
	if apiErr != nil {
		return nil, apiErr
	}
	out = append(out, apiFiles...)
	if err != nil {
		err = fmt.Errorf("sqlc: %w", err)
		// An error located in a user's query file is the user's to fix.
		for _, f := range in.UserQueries {
			if strings.Contains(err.Error(), f.Path+":") {
				return nil, &InputError{err}
			}
		}
		return nil, err
	}
	for _, f := range stored {
		f.Data = dropRepeatedHeader(f.Data)
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// dropRepeatedHeader removes the generated-file marker where sqlc copied it
// from a query file into a doc comment; only line one keeps it.
func dropRepeatedHeader(src []byte) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	out := lines[:1]
	for _, l := range lines[1:] {
		if strings.TrimSpace(l) != files.GoHeader {
			out = append(out, l)
		}
	}
	return []byte(strings.Join(out, ""))
}
