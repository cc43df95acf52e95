package edit

import (
	"bytes"
	"fmt"
	"go/format"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"github.com/gobackend/gobackend/generator/naming"
)

// jobName is a job's name on the command line and its River kind:
// lowercase snake_case.
var jobName = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// jobArgTypes maps the argument types of `add job` to Go types. They are
// what JSON (River stores a job's arguments as JSON) round-trips exactly.
var jobArgTypes = map[string]string{
	"string": "string",
	"int":    "int64",
	"bool":   "bool",
	"float":  "float64",
	"time":   "time.Time",
	"uuid":   "string",
}

// JobArg is one argument of a job.
type JobArg struct {
	Name   string // Go field name
	JSON   string // JSON name, the argument as given
	GoType string
}

// Job is what `gobackend add job` writes: a file of the user's with the
// job's arguments and its worker.
type Job struct {
	Kind string // River kind, the snake_case name
	Go   string // Go name: SendWelcome
	Args []JobArg
	Path string // project-relative path of the file
	Data []byte
}

// NewJob renders the file of the job name with args NAME:TYPE. Its
// constructor newXWorker(d deps.Deps) is what the generated registration
// finds (usercode.Jobs).
func NewJob(module, name string, args []string) (*Job, error) {
	if !jobName.MatchString(name) {
		return nil, fmt.Errorf("job name %q: use lowercase snake_case, e.g. send_welcome_email", name)
	}
	j := &Job{Kind: name, Go: naming.Pascal(name), Path: "internal/jobs/" + name + ".go"}
	seen := map[string]bool{}
	for _, a := range args {
		n, typ, ok := strings.Cut(a, ":")
		goType, known := jobArgTypes[typ]
		switch {
		case !ok || !jobName.MatchString(n):
			return nil, fmt.Errorf("job argument %q: want name:type with a snake_case name, e.g. user_id:uuid", a)
		case !known:
			types := make([]string, 0, len(jobArgTypes))
			for t := range jobArgTypes {
				types = append(types, t)
			}
			slices.Sort(types)
			return nil, fmt.Errorf("job argument %q: unknown type %q (want one of %s)", a, typ, strings.Join(types, ", "))
		case seen[n]:
			return nil, fmt.Errorf("job argument %q: %s is given twice", a, n)
		}
		seen[n] = true
		j.Args = append(j.Args, JobArg{Name: naming.Pascal(n), JSON: n, GoType: goType})
	}
	var b bytes.Buffer
	if err := jobTemplate.Execute(&b, map[string]any{"Module": module, "Job": j}); err != nil {
		return nil, err
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("job %s: %w", name, err)
	}
	j.Data = src
	return j, nil
}

var jobTemplate = template.Must(template.New("job").Parse(`package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"{{.Module}}/internal/deps"
)

// This file is yours: gobackend add job wrote it once and never touches it
// again. Enqueue the job inside a write's transaction, from a hook:
//
//	d.Jobs.InsertTx(ctx, q.Tx(), jobs.{{.Job.Go}}Args{...}, nil)
//
// or on its own with d.Jobs.Insert. A job whose Work fails is retried
// with exponential backoff, up to MaxAttempts, then discarded
// ("NAME jobs list -state discarded", "NAME jobs retry ID").

// {{.Job.Go}}Args are the arguments of a {{.Job.Kind}} job, stored with it as JSON.
type {{.Job.Go}}Args struct {
{{- range .Job.Args}}
	{{.Name}} {{.GoType}} ` + "`" + `json:"{{.JSON}}"` + "`" + `
{{- end}}
}

// Kind names the job in the queue: keep it once jobs of it exist.
func ({{.Job.Go}}Args) Kind() string { return "{{.Job.Kind}}" }

// InsertOpts are the defaults of every {{.Job.Kind}} job; an Insert may
// override them. UniqueOpts (e.g. ByArgs: true) makes a job unique.
func ({{.Job.Go}}Args) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10}
}

// {{.Job.Go}}Worker works {{.Job.Go}}Args.
type {{.Job.Go}}Worker struct {
	river.WorkerDefaults[{{.Job.Go}}Args]
	d deps.Deps
}

// new{{.Job.Go}}Worker is called by the generated registration
// (register.gen.go) with every dependency: keep its signature.
func new{{.Job.Go}}Worker(d deps.Deps) *{{.Job.Go}}Worker {
	return &{{.Job.Go}}Worker{d: d}
}

// Timeout bounds one attempt: past it, the attempt's context is cancelled.
func (w *{{.Job.Go}}Worker) Timeout(*river.Job[{{.Job.Go}}Args]) time.Duration {
	return time.Minute
}

// Work runs one attempt. Return an error to retry later.
func (w *{{.Job.Go}}Worker) Work(ctx context.Context, job *river.Job[{{.Job.Go}}Args]) error {
	w.d.Logger.InfoContext(ctx, "{{.Job.Kind}}", "attempt", job.Attempt)
	return nil
}
`))
