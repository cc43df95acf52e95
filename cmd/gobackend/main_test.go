package main

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/gobackend/gobackend/generator/codegen"
)

var update = flag.Bool("update", false, "rewrite cmp sections of scripts and golden files")

func TestMain(m *testing.M) {
	// The engine starts sqlc as a child of its own executable, which in
	// tests is this binary.
	codegen.MaybeRunChild()
	testscript.Main(m, map[string]func(){
		"gobackend": func() {
			// Scripts stand for another gobackend release by setting
			// GOBACKEND_TEST_VERSION; only the test binary reads it.
			if v := os.Getenv("GOBACKEND_TEST_VERSION"); v != "" {
				version = v
			}
			os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// skipped records the script cases that could not run here, so a run
// without PostgreSQL says so plainly instead of passing quietly.
var skipped struct {
	sync.Mutex
	names []string
}

func TestScripts(t *testing.T) {
	t.Cleanup(func() {
		skipped.Lock()
		defer skipped.Unlock()
		if len(skipped.names) > 0 {
			sort.Strings(skipped.names)
			fmt.Printf("SKIPPED script cases: %s\n", strings.Join(skipped.names, "; "))
		}
	})
	all, err := filepath.Glob(filepath.Join(scriptDir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var parallel, prompts []string
	for _, f := range all {
		if strings.HasSuffix(f, "_prompt.txtar") {
			prompts = append(prompts, f)
		} else {
			parallel = append(parallel, f)
		}
	}
	testscript.Run(t, scriptParams(parallel))
	// Scripts that drive a pseudo-terminal run alone, one at a time: a pty
	// descriptor can leak into a process another script starts at the same
	// moment, and then neither side sees the terminal close.
	for _, f := range prompts {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			// A prompt that waits for input the script did not type would
			// wait forever: its commands are stopped after two minutes.
			p := scriptParams([]string{f})
			p.Deadline = time.Now().Add(2 * time.Minute)
			testscript.Run(t, p)
		})
	}
}

var scriptDir = filepath.Join("..", "..", "testdata", "script")

func scriptParams(files []string) testscript.Params {
	return testscript.Params{
		Files:               files,
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup:               setupScriptEnv,
		Condition: func(cond string) (bool, error) {
			if name, ok := strings.CutPrefix(cond, "env:"); ok {
				return os.Getenv(name) != "", nil
			}
			if cond == "chromium" {
				return testChromium() != "", nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":    cmdExits,
			"noteskip": cmdNoteSkip,
			"http":     cmdHTTP,
			"waithttp": cmdWaitHTTP,
			"replace":  cmdReplace,
			"mailpit":  cmdMailpit,
			"netlog":   cmdNetLog,
		},
	}
}

// setupScriptEnv passes the host's Go caches and services into scripts, so
// compiling a generated project reuses one module and build cache.
func setupScriptEnv(env *testscript.Env) error {
	for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPROXY", "GOFLAGS", "GONOSUMDB", "GOPRIVATE", "GOTOOLCHAIN", "CGO_ENABLED", "PATH"} {
		if v := os.Getenv(k); v != "" {
			env.Setenv(k, v)
		}
	}
	for _, k := range []string{"GOCACHE", "GOMODCACHE"} {
		if os.Getenv(k) == "" {
			if v := goEnv(k); v != "" {
				env.Setenv(k, v)
			}
		}
	}
	env.Setenv("GOBACKEND_TEST_POSTGRES_URL", os.Getenv("GOBACKEND_TEST_POSTGRES_URL"))
	env.Setenv("GOBACKEND_TEST_REDIS_URL", os.Getenv("GOBACKEND_TEST_REDIS_URL"))
	// A generated project's tests run their Redis cases (rate limits, the
	// cache) against it, each under a key prefix of its own; unset, they
	// run against the in-process default.
	env.Setenv("TEST_REDIS_URL", os.Getenv("GOBACKEND_TEST_REDIS_URL"))
	env.Setenv("GOBACKEND_TEST_REDOCLY", os.Getenv("GOBACKEND_TEST_REDOCLY"))
	env.Setenv("GOBACKEND_TEST_MAILPIT", os.Getenv("GOBACKEND_TEST_MAILPIT"))
	env.Setenv("GOBACKEND_TEST_SMTP", os.Getenv("GOBACKEND_TEST_SMTP"))
	env.Setenv("GOBACKEND_TEST_CHROMIUM", testChromium())
	if pg := os.Getenv("GOBACKEND_TEST_POSTGRES_URL"); pg != "" {
		// The served end-to-end app gets a database of its own, named after
		// the script, beside the one the generated tests use.
		u, err := url.Parse(pg)
		if err != nil {
			return fmt.Errorf("GOBACKEND_TEST_POSTGRES_URL: %w", err)
		}
		u.Path = "/gobackend_e2e"
		env.Setenv("E2E_SERVE_DATABASE_URL", u.String())
		u.Path = "/gobackend_e2e_jobs" // feature_jobs_postgres's, so scripts in parallel do not share one
		env.Setenv("E2E_JOBS_DATABASE_URL", u.String())
	}
	return nil
}

// testChromium is the browser that e2e_docs renders /docs in:
// GOBACKEND_TEST_CHROMIUM, which .ci/run sets, or else Debian's chromium
// when it is on PATH, so that a developer who has it runs the script
// without being told.
func testChromium() string {
	if p := os.Getenv("GOBACKEND_TEST_CHROMIUM"); p != "" {
		return p
	}
	p, _ := exec.LookPath("chromium")
	return p
}

// cmdExits runs gobackend and checks its exit code: exits CODE ARGS...
// (testscript's own `! exec` only knows failure, and the exit code is part
// of the CLI's contract).
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: exits CODE [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec("gobackend", args[1:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("gobackend: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("gobackend %s: exit %d, want %d", strings.Join(args[1:], " "), got, want)
	}
}

// cmdNoteSkip records that a case is about to skip, for the summary:
// noteskip REASON (the script then runs the builtin skip).
func cmdNoteSkip(ts *testscript.TestScript, neg bool, args []string) {
	cmdNoteSkipName(ts.Name() + ": " + strings.Join(args, " "))
}

// cmdReplace edits a file in place, as a user would by hand:
// replace FILE OLD NEW, where \n in OLD and NEW stands for a newline. OLD
// must occur exactly once, so a script cannot silently edit nothing.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	file := ts.MkAbs(args[0])
	data, err := os.ReadFile(file)
	ts.Check(err)
	old := strings.ReplaceAll(args[1], `\n`, "\n")
	repl := strings.ReplaceAll(args[2], `\n`, "\n")
	if n := strings.Count(string(data), old); n != 1 {
		ts.Fatalf("replace: %q occurs %d times in %s, want once", old, n, args[0])
	}
	ts.Check(os.WriteFile(file, []byte(strings.Replace(string(data), old, repl, 1)), 0o644))
}
