package engine_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"

	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/workspace"
)

// synthInputs builds a project with n resources, each with a string, an
// integer, an enum, an optional text and (after the first) a reference to
// the previous resource, following the spec conventions of add resource.
func synthInputs(tb testing.TB, n int) *engine.Inputs {
	tb.Helper()
	var man, spec bytes.Buffer
	type res struct{ I, Prev int }
	var rs []res
	for i := 1; i <= n; i++ {
		rs = append(rs, res{I: i, Prev: i - 1})
	}
	if err := manifestTmpl.Execute(&man, rs); err != nil {
		tb.Fatal(err)
	}
	if err := specTmpl.Execute(&spec, rs); err != nil {
		tb.Fatal(err)
	}
	return &engine.Inputs{Manifest: man.Bytes(), Spec: spec.Bytes()}
}

var manifestTmpl = template.Must(template.New("m").Parse(`version: 1
name: scale
module: example.com/scale
resources:
{{- range .}}
  widget{{.I}}s:
    filter: [status]
    sort: [created_at, name]
{{- if .Prev}}
    references: {widget{{.Prev}}_id: widget{{.Prev}}s}
{{- end}}
{{- end}}
`))

var specTmpl = template.Must(template.New("s").Parse(`openapi: 3.0.3
info: {title: scale, version: 0.1.0}
paths:
{{- range .}}
  /widget{{.I}}s:
    get:
      operationId: listWidget{{.I}}s
      parameters:
        - {name: limit, in: query, schema: {type: integer, format: int32, minimum: 1, maximum: 100}}
        - {name: cursor, in: query, schema: {type: string}}
        - {name: sort, in: query, schema: {type: string, enum: [created_at, -created_at, name, -name]}}
        - {name: status, in: query, schema: {$ref: '#/components/schemas/Widget{{.I}}Status'}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Widget{{.I}}Page'}}}}
        default: {$ref: '#/components/responses/Problem'}
    post:
      operationId: createWidget{{.I}}
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Widget{{.I}}Create'}}}}
      responses:
        '201':
          description: created
          headers: {Location: {required: true, schema: {type: string}}}
          content: {application/json: {schema: {$ref: '#/components/schemas/Widget{{.I}}'}}}
        default: {$ref: '#/components/responses/Problem'}
  /widget{{.I}}s/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
    get:
      operationId: getWidget{{.I}}
      parameters:
        - {name: If-None-Match, in: header, schema: {type: string}}
      responses:
        '200':
          description: ok
          headers: {ETag: {required: true, schema: {type: string}}}
          content: {application/json: {schema: {$ref: '#/components/schemas/Widget{{.I}}'}}}
        '304':
          description: not modified
          headers: {ETag: {required: true, schema: {type: string}}}
        default: {$ref: '#/components/responses/Problem'}
    patch:
      operationId: updateWidget{{.I}}
      parameters:
        - {name: If-Match, in: header, schema: {type: string}}
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Widget{{.I}}Update'}}}}
      responses:
        '200':
          description: ok
          headers: {ETag: {required: true, schema: {type: string}}}
          content: {application/json: {schema: {$ref: '#/components/schemas/Widget{{.I}}'}}}
        default: {$ref: '#/components/responses/Problem'}
    delete:
      operationId: deleteWidget{{.I}}
      parameters:
        - {name: If-Match, in: header, schema: {type: string}}
      responses:
        '204': {description: deleted}
        default: {$ref: '#/components/responses/Problem'}
{{- end}}
components:
  responses:
    Problem:
      description: problem
      content: {application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}}
  schemas:
    Problem:
      type: object
      required: [type, title, status]
      properties:
        type: {type: string}
        title: {type: string}
        status: {type: integer}
        detail: {type: string}
        instance: {type: string}
        request_id: {type: string}
        errors: {type: array, items: {type: object, required: [pointer, detail], properties: {pointer: {type: string}, detail: {type: string}}}}
{{- range .}}
    Widget{{.I}}Status: {type: string, enum: [draft, active]}
    Widget{{.I}}:
      type: object
      required: [id, name, amount, status, note, created_at, updated_at{{if .Prev}}, widget{{.Prev}}_id{{end}}]
      properties:
        id: {type: string, format: uuid, readOnly: true}
{{- if .Prev}}
        widget{{.Prev}}_id: {type: string, format: uuid}
{{- end}}
        name: {type: string, maxLength: 100}
        amount: {type: integer, format: int64}
        status: {$ref: '#/components/schemas/Widget{{.I}}Status'}
        note: {type: string, nullable: true}
        created_at: {type: string, format: date-time, readOnly: true}
        updated_at: {type: string, format: date-time, readOnly: true}
    Widget{{.I}}Create:
      type: object
      additionalProperties: false
      required: [name, amount{{if .Prev}}, widget{{.Prev}}_id{{end}}]
      properties:
{{- if .Prev}}
        widget{{.Prev}}_id: {type: string, format: uuid}
{{- end}}
        name: {type: string, maxLength: 100}
        amount: {type: integer, format: int64}
        status: {allOf: [{$ref: '#/components/schemas/Widget{{.I}}Status'}], default: draft}
        note: {type: string, nullable: true}
    Widget{{.I}}Update:
      type: object
      additionalProperties: false
      minProperties: 1
      properties:
{{- if .Prev}}
        widget{{.Prev}}_id: {type: string, format: uuid}
{{- end}}
        name: {type: string, maxLength: 100}
        amount: {type: integer, format: int64}
        status: {$ref: '#/components/schemas/Widget{{.I}}Status'}
        note: {type: string, nullable: true}
    Widget{{.I}}Page:
      type: object
      required: [items, next_cursor]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/Widget{{.I}}'}}
        next_cursor: {type: string, nullable: true}
{{- end}}
`))

var scales = []int{1, 10, 100}

// BenchmarkGenerate measures a full generate (render, oapi-codegen, sqlc,
// plan against the disk) as the number of resources grows, with nothing
// cached: every query file is parsed, as on a new machine or after a
// schema change.
func BenchmarkGenerate(b *testing.B) { benchGenerate(b, false) }

// BenchmarkGenerateUnchanged measures a generate whose schema and queries
// are what they were last time (a spec edit that changes no SQL, a no-op
// run): sqlc's output comes from the cache, as in the CLI.
func BenchmarkGenerateUnchanged(b *testing.B) { benchGenerate(b, true) }

func benchGenerate(b *testing.B, cached bool) {
	for _, n := range scales {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			in := synthInputs(b, n)
			e := &engine.Engine{ToolVersion: "bench"}
			if cached {
				e.SQLC.CacheDir = b.TempDir()
				if _, err := e.Render(context.Background(), in); err != nil {
					b.Fatal(err)
				}
			}
			dir := b.TempDir()
			for b.Loop() {
				out, err := e.Render(context.Background(), in)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := workspace.Plan(dir, out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheck measures `check` on an in-sync project.
func BenchmarkCheck(b *testing.B) {
	for _, n := range scales {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			in := synthInputs(b, n)
			e := &engine.Engine{ToolVersion: "bench"}
			dir := b.TempDir()
			out, err := e.Render(context.Background(), in)
			if err != nil {
				b.Fatal(err)
			}
			changes, err := workspace.Plan(dir, out)
			if err != nil {
				b.Fatal(err)
			}
			if err := workspace.Apply(dir, changes); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				out, err := e.Render(context.Background(), in)
				if err != nil {
					b.Fatal(err)
				}
				rep, err := workspace.Check(dir, out)
				if err != nil || !rep.InSync() {
					b.Fatalf("check: %v %v", err, rep)
				}
			}
		})
	}
}

// TestSynthProjectsRender proves the benchmark fixtures are valid projects
// that render deterministically, so the benchmarks measure real work.
func TestSynthProjectsRender(t *testing.T) {
	e := &engine.Engine{ToolVersion: "test"}
	in := synthInputs(t, 10)
	a, err := e.Render(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	changes, err := workspace.Plan(dir, a)
	if err != nil {
		t.Fatal(err)
	}
	if err := workspace.Apply(dir, changes); err != nil {
		t.Fatal(err)
	}
	b, err := e.Render(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := workspace.Check(dir, b)
	if err != nil || !rep.InSync() {
		t.Fatalf("second render is not in sync: %v %+v", err, rep)
	}
	data, err := os.ReadFile(filepath.Join(dir, "internal", "api", "widget10s.gen.go"))
	if err != nil || !strings.Contains(string(data), "func (h *Server) ListWidget10S(") {
		t.Fatalf("widget10s handler missing: %v", err)
	}
}
