// Package render turns the model into project files. It is pure: templates
// in, []files.File out; nothing here touches the disk.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/Masterminds/sprig/v3"

	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/model"
	"github.com/gobackend/gobackend/templates"
)

// OverrideDir is where a project keeps its template overrides: the file
// OverrideDir/PATH replaces the embedded template PATH, which includes its
// module folder (e.g. base/internal/httpx/requestid.gen.go.tmpl).
const OverrideDir = ".gobackend/templates"

// Overrides maps an embedded template path to the project's replacement.
type Overrides map[string][]byte

// OverrideError is a problem with an override file: the user's to fix.
type OverrideError struct{ Err error }

func (e *OverrideError) Error() string { return e.Err.Error() }
func (e *OverrideError) Unwrap() error { return e.Err }

// TemplatePaths lists every embedded template path, sorted.
func TemplatePaths() []string {
	var out []string
	_ = fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tmpl") {
			out = append(out, p)
		}
		return err
	})
	sort.Strings(out)
	return out
}

// IsTemplate reports whether p is an embedded template path.
func IsTemplate(p string) bool {
	if !strings.HasSuffix(p, ".tmpl") {
		return false
	}
	info, err := fs.Stat(templates.FS, p)
	return err == nil && !info.IsDir()
}

// CheckOverrides fails on an override that replaces no embedded template.
func CheckOverrides(ov Overrides) error {
	var bad []string
	for p := range ov {
		if !IsTemplate(p) {
			bad = append(bad, p)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	return &OverrideError{fmt.Errorf("%s/%s: matches no embedded template: rename or remove it (`gobackend template list` shows every template path)", OverrideDir, bad[0])}
}

// Templates renders every template module for the project: base and crud
// once, resource once per resource.
func Templates(p *model.Project) ([]files.File, error) {
	return TemplatesWith(p, nil)
}

// TemplatesWith is Templates with the project's overrides in place of the
// embedded templates of the same path.
func TemplatesWith(p *model.Project, ov Overrides) ([]files.File, error) {
	if err := CheckOverrides(ov); err != nil {
		return nil, err
	}
	renderDir := func(fsys fs.FS, dir string, data any, subst map[string]string) ([]files.File, error) {
		return renderDirWith(fsys, dir, data, subst, ov)
	}
	var out []files.File
	for _, module := range []string{"base", "crud"} {
		rendered, err := renderDir(templates.FS, module, p, map[string]string{"__name__": p.Name})
		if err != nil {
			return nil, err
		}
		out = append(out, rendered...)
	}
	// Each enabled feature with a template folder of its own adds it.
	for _, feature := range p.Features {
		if _, err := fs.Stat(templates.FS, feature); err != nil {
			continue
		}
		rendered, err := renderDir(templates.FS, feature, p, map[string]string{"__name__": p.Name})
		if err != nil {
			return nil, err
		}
		out = append(out, rendered...)
	}
	for _, r := range p.Resources {
		rendered, err := renderDir(templates.FS, "resource", r, map[string]string{"__name__": p.Name, "__resource__": r.Names.Package})
		if err != nil {
			return nil, err
		}
		out = append(out, rendered...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// Dir renders one template folder of fsys with data; exported for
// blueprints, which use the same conventions.
func Dir(fsys fs.FS, dir string, data any, subst map[string]string) ([]files.File, error) {
	return renderDir(fsys, dir, data, subst)
}

func renderDir(fsys fs.FS, dir string, data any, subst map[string]string) ([]files.File, error) {
	return renderDirWith(fsys, dir, data, subst, nil)
}

func renderDirWith(fsys fs.FS, dir string, data any, subst map[string]string, ov Overrides) ([]files.File, error) {
	// The templates are read in walk order, then rendered and formatted on
	// every core (both are pure), and kept in walk order.
	type job struct {
		p, outPath string
		src        []byte
		out        files.File
		skip       bool
		err        error
	}
	var jobs []*job
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tmpl") {
			return err
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		outPath := strings.TrimSuffix(strings.TrimPrefix(p, dir+"/"), ".tmpl")
		for k, v := range subst {
			outPath = strings.ReplaceAll(outPath, k, v)
		}
		jobs = append(jobs, &job{p: p, outPath: outPath, src: src})
		return nil
	})
	if err != nil {
		return nil, err
	}
	run := func(j *job) {
		name, src := "templates/"+j.p, j.src
		exec := execute
		if o, ok := ov[j.p]; ok {
			src, name, exec = o, OverrideDir+"/"+j.p, executeOverride
		}
		out, err := exec(j.p, string(src), data)
		if err != nil {
			j.err = err
			return
		}
		if len(bytes.TrimSpace(out)) == 0 {
			j.skip = true // a template may decide its file does not apply
			return
		}
		if path.Ext(j.outPath) == ".go" {
			if out, err = formatGo(name, out); err != nil {
				if _, ok := ov[j.p]; ok {
					err = &OverrideError{err}
				}
				j.err = err
				return
			}
		}
		j.out = files.File{Path: j.outPath, Data: out, Class: files.ClassOf(j.outPath)}
	}
	next := make(chan *job)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for j := range next {
				run(j)
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	var out []files.File
	for _, j := range jobs {
		if j.err != nil {
			return nil, j.err // the first in walk order, whatever finished first
		}
		if !j.skip {
			out = append(out, j.out)
		}
	}
	return out, nil
}

// Funcs is the function map of every template: sprig's hermetic functions
// (no clock, no randomness, no environment) plus a few of our own.
func Funcs() template.FuncMap {
	fm := sprig.HermeticTxtFuncMap()
	for k, v := range extraFuncs {
		fm[k] = v
	}
	return fm
}

// parsed keeps each embedded template parsed, by name: a resource's
// templates are executed once per resource, and a template may be
// executed by several goroutines at once.
var parsed sync.Map // name -> parsedTemplate

type parsedTemplate struct {
	src string
	t   *template.Template
}

// sharedFuncs is Funcs, made once for the embedded templates.
var sharedFuncs = sync.OnceValue(Funcs)

func execute(name, src string, data any) ([]byte, error) {
	var t *template.Template
	if v, ok := parsed.Load(name); ok && v.(parsedTemplate).src == src {
		t = v.(parsedTemplate).t
	} else {
		var err error
		t, err = template.New(name).Funcs(sharedFuncs()).Option("missingkey=error").Parse(src)
		if err != nil {
			return nil, fmt.Errorf("templates/%s: %w", name, err)
		}
		parsed.Store(name, parsedTemplate{src: src, t: t})
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("templates/%s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// executeOverride runs an override; the template is named by its project
// path, so an error reads ".gobackend/templates/PATH:LINE: ...".
func executeOverride(p, src string, data any) ([]byte, error) {
	name := OverrideDir + "/" + p
	t, err := template.New(name).Funcs(Funcs()).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, &OverrideError{errors.New(strings.TrimPrefix(err.Error(), "template: "))}
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, &OverrideError{errors.New(strings.TrimPrefix(err.Error(), "template: "))}
	}
	return buf.Bytes(), nil
}

var goErrLine = regexp.MustCompile(`^(\d+):(\d+): (.*)`)

// formatGo gofmts rendered Go; a failure names the template, the line of
// the rendered output and shows it, since that is what a template author
// needs to find the mistake.
func formatGo(name string, src []byte) ([]byte, error) {
	out, err := format.Source(src)
	if err == nil {
		return out, nil
	}
	msg := err.Error()
	if m := goErrLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		lines := strings.Split(string(src), "\n")
		ctx := ""
		if n-1 < len(lines) && n > 0 {
			ctx = "\n\t" + strings.TrimSpace(lines[n-1])
		}
		return nil, fmt.Errorf("%s: rendered line %s:%s: %s%s", name, m[1], m[2], m[3], ctx)
	}
	return nil, fmt.Errorf("%s: %s", name, msg)
}
