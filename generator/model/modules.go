package model

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"text/template"

	"golang.org/x/mod/semver"

	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/naming"
)

// baseRequires are the go.mod requirements of every project; the
// conditional ones depend on the database and the spec.
func (p *Project) baseRequires() []string {
	out := []string{
		// Tracing (internal/telemetry): off unless OTEL_* switch it on.
		"github.com/XSAM/otelsql v0.44.0",
		"github.com/getkin/kin-openapi v0.153.0",
		"github.com/go-redis/redis_rate/v10 v10.0.1",
		"github.com/google/uuid v1.6.0",
		"github.com/oapi-codegen/runtime v1.9.0",
		"github.com/pressly/goose/v3 v3.30.0",
		"github.com/prometheus/client_golang v1.25.0",
		"github.com/redis/go-redis/extra/redisotel/v9 v9.23.0",
		"github.com/redis/go-redis/v9 v9.23.0",
		"github.com/rs/cors v1.11.1",
		// Swagger UI's files for /docs, embedded (internal/docs).
		"github.com/swaggest/swgui v1.8.5",
		"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp v0.72.0",
		"go.opentelemetry.io/otel v1.47.0",
		"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc v1.47.0",
		"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp v1.47.0",
		"go.opentelemetry.io/otel/metric v1.47.0",
		"go.opentelemetry.io/otel/sdk v1.47.0",
		"go.opentelemetry.io/otel/trace v1.47.0",
		// The tests' OTLP receivers (internal/telemetry).
		"go.opentelemetry.io/proto/otlp v1.11.0",
		"golang.org/x/time v0.16.0",
		"google.golang.org/grpc v1.83.2",
		"google.golang.org/protobuf v1.36.12",
	}
	if p.Postgres() {
		out = append(out, "github.com/jackc/pgx/v5 v5.12.0")
	}
	if p.SQLite() {
		out = append(out, "modernc.org/sqlite v1.62.0")
	}
	if p.UsesNullable() {
		out = append(out, "github.com/oapi-codegen/nullable v1.2.0")
	}
	return out
}

// Requires are the go.mod requirements: the base ones and every enabled
// feature's, one per module (the highest version a feature names wins),
// sorted by module path.
func (p *Project) Requires() []string {
	byPath := map[string]string{}
	add := func(line string) {
		mod, ver, _ := strings.Cut(line, " ")
		if old, ok := byPath[mod]; !ok || semver.Compare(old, ver) < 0 {
			byPath[mod] = ver
		}
	}
	for _, l := range p.baseRequires() {
		add(l)
	}
	for _, m := range p.Modules {
		lines := m.Require
		if p.SQLite() {
			lines = append(lines[:len(lines):len(lines)], m.RequireSQLite...)
		} else {
			lines = append(lines[:len(lines):len(lines)], m.RequirePostgres...)
		}
		for _, l := range lines {
			add(l)
		}
	}
	out := make([]string, 0, len(byPath))
	for mod, ver := range byPath {
		out = append(out, mod+" "+ver)
	}
	sort.Strings(out)
	return out
}

// ConfigImports are the project packages the features' Config fields
// need, module-qualified and sorted.
func (p *Project) ConfigImports() []string {
	var types []string
	for _, m := range p.Modules {
		if m.Config != nil {
			types = append(types, m.Config.Type)
		}
	}
	return p.importsFor(types)
}

// DepsImports are the project packages the features' dependency fields
// need: all of them (app.Deps), or the shared ones only (deps.Deps).
func (p *Project) DepsImports(sharedOnly bool) []string {
	var types []string
	for _, m := range p.Modules {
		for _, f := range m.Deps {
			if f.Shared || !sharedOnly {
				types = append(types, f.Type)
			}
		}
	}
	return p.importsFor(types)
}

// importsFor maps the package qualifiers of Go types ("*auth.Service")
// to the features' imports of that name ("internal/auth").
func (p *Project) importsFor(types []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range types {
		qual, _, ok := strings.Cut(strings.TrimLeft(t, "*[]"), ".")
		if !ok {
			continue
		}
		for _, m := range p.Modules {
			for _, imp := range m.Imports {
				if path.Base(imp) == qual && !seen[imp] {
					seen[imp] = true
					out = append(out, p.Module+"/"+imp)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// Expand executes s, a template of a feature descriptor, over the project.
func (p *Project) Expand(s string) (string, error) {
	t, err := template.New("feature").Option("missingkey=error").Parse(s)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, p); err != nil {
		return "", err
	}
	return b.String(), nil
}

// SectionBegin and SectionEnd delimit the generated region of a section
// file (files.Section), for its template.
func (p *Project) SectionBegin() string { return files.SectionBegin }

// SectionEnd: see SectionBegin.
func (p *Project) SectionEnd() string { return files.SectionEnd }

// Schedule is a periodic job of the manifest, resolved (feature jobs).
type Schedule struct {
	Name string // stable id of the periodic job
	Cron string
	Args string // Go type of the job's arguments in package jobs: "SendWelcomeArgs"
}

// builtinJobs are the jobs feature jobs generates, by kind.
var builtinJobs = map[string]string{"idempotency_cleanup": "IdempotencyCleanup"}

// schedules resolves the manifest's schedules against the jobs that exist:
// the generated ones and the user's.
func (r *resolver) schedules(p *Project) {
	for _, s := range r.m.Schedules {
		goName, ok := builtinJobs[s.Job]
		if !ok {
			goName = naming.Pascal(s.Job)
			ok = slices.Contains(p.Jobs, goName)
		}
		if !ok {
			r.manifestErr(s.JobPos, "schedules."+s.Name+".job",
				fmt.Sprintf("no job %q", s.Job),
				fmt.Sprintf("create it with gobackend add job %s, or name one of internal/jobs", s.Job))
			continue
		}
		p.Schedules = append(p.Schedules, Schedule{Name: s.Name, Cron: s.Cron, Args: goName + "Args"})
	}
}
