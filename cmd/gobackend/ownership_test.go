package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/edit"
	"github.com/gobackend/gobackend/generator/engine"
	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/workspace"
)

// TestOwnershipProperty applies random sequences of the lifecycle's moves
// (add a resource, add a property to a schema by hand, edit a file the user
// owns, generate) to a project, and checks after every generate that:
// nothing the user wrote is lost, existing migrations are untouched, the
// project is in sync, and, at the end, that it builds. Each seed is
// reproducible: the failure message names it.
func TestOwnershipProperty(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			t.Parallel()
			runOwnershipSequence(t, seed, 8)
		})
	}
}

// scaffoldTargets are files the user owns from the start; resource hooks
// join them as resources are added.
var scaffoldTargets = []string{"README.md", "Makefile", "cmd/shop/main.go", "internal/orders/hooks.go", "api/openapi.yaml", "gobackend.yaml"}

var resourcePool = []string{"person", "category", "order_items", "status", "invoice", "Shipment", "child", "address"}

var fieldPool = []string{"title:string", "amount:int", "price:decimal", "active:bool:filter",
	"kind:enum=a,b,c:default=a:filter", "due:time:optional", "note:text:optional", "code:string:unique", "rank:bigint:sort"}

func runOwnershipSequence(t *testing.T, seed uint64, steps int) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, seed*7919))
	dir := t.TempDir()
	e := &engine.Engine{ToolVersion: "test"}
	out, err := e.New(ctx, engine.NewOptions{Name: "shop", Module: "shop"})
	if err != nil {
		t.Fatal(err)
	}
	apply(t, dir, out)

	userText := map[string]string{}   // file -> every line the user appended
	migrations := map[string][]byte{} // migrations seen so far
	targets := append([]string(nil), scaffoldTargets...)
	added := map[string]bool{}
	generate := func(step int, what string) {
		t.Helper()
		in, err := engine.ReadInputs(dir)
		if err != nil {
			t.Fatalf("seed %d step %d (%s): read inputs: %v", seed, step, what, err)
		}
		if err := regenerate(ctx, io.Discard, e, dir, in, nil, modeWrite); err != nil {
			t.Fatalf("seed %d step %d (%s): generate: %v", seed, step, what, err)
		}
		checkOwnership(t, dir, seed, step, what, userText, migrations)
	}

	for step := range steps {
		switch move := rng.IntN(4); {
		case move == 0 && len(added) < len(resourcePool):
			// add resource with random fields, edited like the command does.
			name := resourcePool[rng.IntN(len(resourcePool))]
			for added[name] {
				name = resourcePool[rng.IntN(len(resourcePool))]
			}
			added[name] = true
			fields := pick(rng, fieldPool, 1+rng.IntN(3))
			in, err := engine.ReadInputs(dir)
			if err != nil {
				t.Fatal(err)
			}
			res, err := edit.AddResource(edit.Inputs{ManifestFile: "gobackend.yaml", Manifest: in.Manifest, SpecFile: "api/openapi.yaml", Spec: in.Spec},
				edit.Request{Name: name, Fields: fields})
			if err != nil {
				t.Fatalf("seed %d step %d: add resource %s %v: %v", seed, step, name, fields, err)
			}
			in.Manifest, in.Spec = res.Manifest, res.Spec
			edited := []files.File{{Path: "gobackend.yaml", Data: res.Manifest, Class: files.Scaffold}, {Path: "api/openapi.yaml", Data: res.Spec, Class: files.Scaffold}}
			what := fmt.Sprintf("add resource %s %v", name, fields)
			if err := regenerate(ctx, io.Discard, e, dir, in, edited, modeWrite); err != nil {
				t.Fatalf("seed %d step %d (%s): %v", seed, step, what, err)
			}
			// The edit rewrote the inputs with the user's lines kept.
			checkOwnership(t, dir, seed, step, what, userText, migrations)
			targets = append(targets, "internal/"+res.Names.Package+"/hooks.go")
		case move == 1:
			// A property added to a schema by hand, in all three shapes.
			prop := fmt.Sprintf("extra%d", step)
			spec := filepath.Join(dir, "api", "openapi.yaml")
			data, err := os.ReadFile(spec)
			if err != nil {
				t.Fatal(err)
			}
			for _, schema := range []string{"Customer", "CustomerCreate", "CustomerUpdate"} {
				re := regexp.MustCompile(`(?m)^    ` + schema + `:\n(?:      .*\n)*?      properties:\n`)
				loc := re.FindIndex(data)
				if loc == nil {
					t.Fatalf("schema %s not found", schema)
				}
				insert := fmt.Sprintf("        %s:\n          type: string\n          nullable: true\n", prop)
				data = append(data[:loc[1]:loc[1]], append([]byte(insert), data[loc[1]:]...)...)
			}
			if err := os.WriteFile(spec, data, 0o644); err != nil {
				t.Fatal(err)
			}
			generate(step, "add property "+prop)
		case move == 2:
			// The user edits a file they own, then regenerates.
			target := targets[rng.IntN(len(targets))]
			line := userLine(target, seed, step)
			f, err := os.OpenFile(filepath.Join(dir, target), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(f, line)
			f.Close()
			userText[target] += line + "\n"
			generate(step, "user edits "+target)
		default:
			generate(step, "generate")
		}
	}
	if testing.Short() {
		return
	}
	// The project still builds after all of it.
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("seed %d: go %s: %v\n%s", seed, strings.Join(args, " "), err, out)
		}
	}
}

// userLine is a line the user adds to a file, valid in the file's language.
func userLine(path string, seed uint64, step int) string {
	switch {
	case strings.HasSuffix(path, ".go"):
		return fmt.Sprintf("// user note %d/%d", seed, step)
	case strings.HasSuffix(path, ".md"):
		return fmt.Sprintf("User note %d/%d.", seed, step)
	default:
		return fmt.Sprintf("# user note %d/%d", seed, step)
	}
}

func checkOwnership(t *testing.T, dir string, seed uint64, step int, what string, userText map[string]string, migrations map[string][]byte) {
	t.Helper()
	for path, text := range userText {
		data, err := os.ReadFile(filepath.Join(dir, path))
		if err != nil {
			t.Fatalf("seed %d step %d (%s): %s: %v", seed, step, what, path, err)
		}
		for _, line := range strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n") {
			if !bytes.Contains(data, []byte(strings.TrimSuffix(line, "\n"))) {
				t.Fatalf("seed %d step %d (%s): the user's line %q in %s was lost", seed, step, what, line, path)
			}
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, engine.MigrationsDir))
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, engine.MigrationsDir, e.Name()))
		if old, ok := migrations[e.Name()]; ok && !bytes.Equal(old, data) {
			t.Fatalf("seed %d step %d (%s): migration %s was rewritten", seed, step, what, e.Name())
		}
		migrations[e.Name()] = data
	}
	in, err := engine.ReadInputs(dir)
	if err != nil {
		t.Fatal(err)
	}
	out, err := (&engine.Engine{ToolVersion: "test"}).Render(context.Background(), in)
	if err != nil {
		t.Fatalf("seed %d step %d (%s): render: %v", seed, step, what, err)
	}
	rep, err := workspace.Check(dir, out)
	if err != nil || !rep.InSync() {
		t.Fatalf("seed %d step %d (%s): not in sync after generate: %v %+v", seed, step, what, err, rep)
	}
}

func apply(t *testing.T, dir string, out []files.File) {
	t.Helper()
	changes, err := workspace.Plan(dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if err := workspace.Apply(dir, changes); err != nil {
		t.Fatal(err)
	}
}

func pick(rng *rand.Rand, pool []string, n int) []string {
	idx := rng.Perm(len(pool))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = pool[j]
	}
	return out
}
