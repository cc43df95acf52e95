package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Every command in a ```sh block of the tool's README and of a generated
// project's README is run here, as a user would type it, so that an example
// can never drift from the tool. A command this test does not know fails
// it: a new example must be given a way to run (or a stated reason why it
// cannot run on this machine, which the run prints).

// docCommand is one line of a ```sh block.
type docCommand struct {
	file string
	line int
	text string // without its trailing # comment
}

func (c docCommand) String() string { return fmt.Sprintf("%s:%d: %s", c.file, c.line, c.text) }

var shComment = regexp.MustCompile(`\s+#.*$`)

// shellCommands returns the lines of the ```sh blocks of a Markdown file.
func shellCommands(t *testing.T, file string, md []byte) []docCommand {
	t.Helper()
	var out []docCommand
	in := false
	sc := bufio.NewScanner(strings.NewReader(string(md)))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "```"):
			in = !in && strings.TrimPrefix(line, "```") == "sh"
		case in && line != "":
			out = append(out, docCommand{file, n, shComment.ReplaceAllString(line, "")})
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s has no ```sh block: the extraction is broken", file)
	}
	return out
}

// notRun collects the commands that cannot run on this machine, with why.
var notRun []string

// shell runs documented commands with a gobackend on PATH.
type shell struct {
	t      *testing.T
	dir    string
	env    []string
	server *exec.Cmd // the one command running in the background, if any
	port   string    // the port the server listens on
}

func newShell(t *testing.T, dir string) *shell {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary is gobackend when it is called by that name (TestMain).
	bin := t.TempDir()
	if err := os.Symlink(exe, filepath.Join(bin, "gobackend")); err != nil {
		t.Fatal(err)
	}
	s := &shell{t: t, dir: dir, env: append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "TMPDIR="+t.TempDir())}
	for _, k := range []string{"GOCACHE", "GOMODCACHE"} {
		if os.Getenv(k) == "" {
			s.env = append(s.env, k+"="+goEnv(k))
		}
	}
	t.Cleanup(s.stop)
	return s
}

func (s *shell) command(c docCommand, extraEnv ...string) *exec.Cmd {
	cmd := exec.Command("sh", "-c", c.text)
	cmd.Dir = s.dir
	cmd.Env = append(append([]string{}, s.env...), extraEnv...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // stop takes the whole group
	return cmd
}

// run runs c to completion and fails the test if it fails.
func (s *shell) run(c docCommand, extraEnv ...string) string {
	s.t.Helper()
	out, err := s.command(c, extraEnv...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("%s\n%v\n%s", c, err, out)
	}
	return string(out)
}

// start runs c in the background with PORT set to port, and waits until
// /healthz answers there.
func (s *shell) start(c docCommand, port string, extraEnv ...string) {
	s.t.Helper()
	s.port = port
	log := filepath.Join(s.t.TempDir(), "server.log")
	f, err := os.Create(log)
	if err != nil {
		s.t.Fatal(err)
	}
	defer f.Close()
	cmd := s.command(c, append(extraEnv, "PORT="+s.port, "SHUTDOWN_DELAY=0s")...)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("%s: %v", c, err)
	}
	s.server = cmd
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(8 * time.Minute) // it may compile the tool and a project first
	for {
		res, err := http.Get("http://127.0.0.1:" + s.port + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case err := <-exited:
			out, _ := os.ReadFile(log)
			s.server = nil
			s.t.Fatalf("%s: exited before serving: %v\n%s", c, err, out)
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			out, _ := os.ReadFile(log)
			s.t.Fatalf("%s: /healthz did not answer\n%s", c, out)
		}
	}
}

// stop ends the background command and everything it started.
func (s *shell) stop() {
	if s.server == nil {
		return
	}
	_ = syscall.Kill(-s.server.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _, _ = s.server.Process.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = syscall.Kill(-s.server.Process.Pid, syscall.SIGKILL)
	}
	s.server = nil
}

// curl runs a documented curl against the running server: on its port, and
// failing on an HTTP error status (curl alone exits 0 on a 500).
func (s *shell) curl(c docCommand) {
	s.t.Helper()
	if s.server == nil {
		s.t.Fatalf("%s: no server is running (the README shows curl before starting one)", c)
	}
	c.text = strings.Replace(strings.Replace(c.text, "localhost:8080", "127.0.0.1:"+s.port, 1), "curl ", "curl -fsS ", 1)
	s.run(c)
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

func skipNoDocker(c docCommand) {
	notRun = append(notRun, c.String()+" (needs a Docker engine, which this machine does not have)")
}

func TestREADMECommands(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the README's commands build and run projects")
	}
	t.Cleanup(func() {
		if len(notRun) > 0 {
			fmt.Printf("README commands NOT RUN here:\n  %s\n", strings.Join(notRun, "\n  "))
		}
	})
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("tool", func(t *testing.T) { testToolREADME(t, root) })
	t.Run("generated-sqlite", func(t *testing.T) { testGeneratedREADME(t, "sqlite") })
	t.Run("generated-postgres", func(t *testing.T) { testGeneratedREADME(t, "postgres") })
}

func testToolREADME(t *testing.T, root string) {
	md, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	ci, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	sh := newShell(t, root)
	project := ""
	for _, c := range shellCommands(t, "README.md", md) {
		switch {
		case strings.HasPrefix(c.text, "go install ./cmd/gobackend && ") && strings.HasSuffix(c.text, " serve"):
			// The quick start, as written: install, create, serve. GOPATH
			// is a temporary one so that the install lands nowhere else.
			sh.start(c, freePort(t), "GOPATH="+t.TempDir())
			sh.stop()
		case strings.HasPrefix(c.text, "go test "):
			// This very run; what matters is that CI runs the same command.
			if !strings.Contains(string(ci), "\n"+c.text+"\n") {
				t.Errorf("%s: .ci/run does not run this test command", c)
			}
		case strings.HasPrefix(c.text, "gobackend add resource "):
			if project == "" {
				project = filepath.Join(t.TempDir(), "shop")
				sh.run(docCommand{"(setup)", 0, "gobackend new shop --yes --dir " + project})
			}
			projectShell := *sh
			projectShell.dir = project
			projectShell.run(c)
		default:
			t.Errorf("%s: no test runs this command; teach readme_test.go how", c)
		}
	}
	if project != "" {
		ps := *sh
		ps.dir = project
		if out := ps.run(docCommand{"(after the examples)", 0, "gobackend check"}); !strings.Contains(out, "in sync") {
			t.Errorf("after the README's add resource examples: check says %s", out)
		}
		ps.run(docCommand{"(after the examples)", 0, "go vet ./..."})
	}
}

func testGeneratedREADME(t *testing.T, database string) {
	var extra []string
	if database == "postgres" {
		admin := os.Getenv("GOBACKEND_TEST_POSTGRES_URL")
		if admin == "" {
			cmdNoteSkipName("TestREADMECommands/generated-postgres: GOBACKEND_TEST_POSTGRES_URL is not set")
			t.Skip("GOBACKEND_TEST_POSTGRES_URL is not set: the PostgreSQL README's commands need a server")
		}
		extra = append(extra, "TEST_DATABASE_URL="+admin)
	}
	name := "readme" + database[:2]
	dir := filepath.Join(t.TempDir(), name)
	sh := newShell(t, filepath.Dir(dir))
	sh.run(docCommand{"(setup)", 0, fmt.Sprintf("gobackend new %s --db %s --yes --dir %s", name, database, dir)})
	sh.dir = dir
	md, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range shellCommands(t, name+"/README.md", md) {
		switch {
		case c.text == "docker compose up --build":
			skipNoDocker(c)
		case c.text == "docker compose up -d postgres":
			// No engine here: the machine's PostgreSQL stands in, with the
			// user and database that compose.yaml would create.
			standInForComposePostgres(t, sh, dir)
			notRun = append(notRun, c.String()+" (no Docker engine: the machine's PostgreSQL stood in)")
		case c.text == "cp .env.example .env":
			sh.run(c)
			// The documented PORT is 8080; this machine may use it.
			f, err := os.OpenFile(filepath.Join(dir, ".env"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			sh.port = freePort(t)
			fmt.Fprintf(f, "PORT=%s\nSHUTDOWN_DELAY=0s\n", sh.port)
			f.Close()
		case c.text == "make run":
			if sh.port == "" {
				t.Fatalf("%s: no .env with a PORT yet", c)
			}
			sh.start(c, sh.port) // the Makefile reads PORT from .env
		case strings.HasPrefix(c.text, "go run ./cmd/"):
			sh.start(c, freePort(t))
		case strings.HasPrefix(c.text, "curl localhost:8080"):
			sh.curl(c)
		case strings.HasPrefix(c.text, "go run "+modulePath+"@") && strings.HasSuffix(c.text, " generate"):
			// The upgrade example: no release can be fetched here, so this
			// build stands in for the version the command names.
			v := strings.TrimSuffix(strings.TrimPrefix(c.text, "go run "+modulePath+"@"), " generate")
			out := sh.run(docCommand{c.file, c.line, "gobackend generate"}, "GOBACKEND_TEST_VERSION="+v)
			if !strings.Contains(out, "moved the project from gobackend ") || !strings.Contains(out, " to "+v+" ") {
				t.Errorf("%s: generate did not say it moved the project to %s:\n%s", c, v, out)
			}
			notRun = append(notRun, c.String()+" (no release to fetch here: this build stood in as "+v+")")
		case c.text == "go test -race ./...":
			sh.run(c, extra...)
		default:
			t.Errorf("%s: no test runs this command; teach readme_test.go how", c)
		}
	}
}

// standInForComposePostgres creates, in the machine's PostgreSQL, the role
// and database of the project's .env.example DATABASE_URL.
func standInForComposePostgres(t *testing.T, sh *shell, dir string) {
	t.Helper()
	env, err := os.ReadFile(filepath.Join(dir, ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^DATABASE_URL=(\S+)$`).FindSubmatch(env)
	if m == nil {
		t.Fatal(".env.example has no DATABASE_URL")
	}
	u, err := url.Parse(string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	user, db := u.User.Username(), strings.TrimPrefix(u.Path, "/")
	pw, _ := u.User.Password()
	admin := os.Getenv("GOBACKEND_TEST_POSTGRES_URL")
	sh.run(docCommand{"(stand-in for compose)", 0, fmt.Sprintf(
		`psql -q -v ON_ERROR_STOP=1 %q -c 'DROP DATABASE IF EXISTS %s' -c 'DROP ROLE IF EXISTS %s' -c "CREATE ROLE %s LOGIN PASSWORD '%s'" -c 'CREATE DATABASE %s OWNER %s'`,
		admin, db, user, user, pw, db, user)})
	t.Cleanup(func() {
		_ = exec.Command("psql", "-q", admin, "-c", "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)", "-c", "DROP ROLE IF EXISTS "+user).Run()
	})
}

// cmdNoteSkipName records a skipped case for the summary TestScripts prints
// (scripts through cmdNoteSkip, Go tests directly).
func cmdNoteSkipName(name string) {
	skipped.Lock()
	defer skipped.Unlock()
	skipped.names = append(skipped.names, name)
}
