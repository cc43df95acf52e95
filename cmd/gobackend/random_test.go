package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestRandomResources is a property test of add resource: random resource
// definitions (every field type and modifier, keywords, initialisms and
// irregular plurals as names, references to other resources and to
// themselves, owned resources with feature auth, both databases) must end
// in a project that vets, passes its own tests and is in sync, or in exit 2
// with a message for the user that names the problem, and nothing written.
// Never in exit 1, and never in a raw sqlc or oapi-codegen message.
//
// CI runs the fixed seeds below; GOBACKEND_RANDOM_SEEDS=N runs N more,
// from GOBACKEND_RANDOM_SEED_BASE (default 1000).
func TestRandomResources(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds and tests generated projects")
	}
	// Seeds that end in builds, one per blueprint and database.
	seeds := []uint64{1, 1003, 1005, 1011}
	if n, _ := strconv.Atoi(os.Getenv("GOBACKEND_RANDOM_SEEDS")); n > 0 {
		base, _ := strconv.ParseUint(os.Getenv("GOBACKEND_RANDOM_SEED_BASE"), 10, 64)
		if base == 0 {
			base = 1000
		}
		for i := range uint64(n) {
			seeds = append(seeds, base+i)
		}
	}
	pg := os.Getenv("GOBACKEND_TEST_POSTGRES_URL")
	bases := map[string]string{} // blueprint/database -> a tidied project to copy
	baseFor := func(blueprint, database string) string {
		key := blueprint + "-" + database
		if dir, ok := bases[key]; ok {
			return dir
		}
		dir := filepath.Join(t.TempDir(), "base")
		var stderr bytes.Buffer
		if code := Main([]string{"new", "shop", "--yes", "--blueprint", blueprint, "--db", database, "--dir", dir}, nil, &bytes.Buffer{}, &stderr); code != 0 {
			t.Fatalf("new %s: exit %d: %s", key, code, stderr.String())
		}
		bases[key] = dir
		return dir
	}
	for _, seed := range seeds {
		rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		blueprint := []string{"api", "api", "accounts"}[rng.IntN(3)]
		database := "sqlite"
		if rng.IntN(2) == 0 {
			if pg != "" {
				database = "postgres"
			} else {
				cmdNoteSkipName(fmt.Sprintf("TestRandomResources seed %d: PostgreSQL half ran on SQLite (GOBACKEND_TEST_POSTGRES_URL not set)", seed))
			}
		}
		t.Run(fmt.Sprintf("seed=%d/%s-%s", seed, blueprint, database), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "shop")
			if err := os.CopyFS(dir, os.DirFS(baseFor(blueprint, database))); err != nil {
				t.Fatal(err)
			}
			existing := []string{"customers"}
			if blueprint == "accounts" {
				existing = []string{"notes", "tags"}
			}
			added := 0
			for range 1 + rng.IntN(3) {
				args := randomResource(rng, existing, blueprint == "accounts")
				var stdout, stderr bytes.Buffer
				code := Main(append([]string{"add", "resource", "-C", dir, "--yes"}, args...), nil, &stdout, &stderr)
				switch code {
				case 0:
					existing = append(existing, args[0])
					added++
				case 2:
					msg := stderr.String()
					if msg == "" || strings.Contains(msg, "sqlc") || strings.Contains(msg, "oapi-codegen") {
						t.Errorf("add resource %s: exit 2 without a message of ours:\n%s", strings.Join(args, " "), msg)
					}
					t.Logf("refused, as it may be: add resource %s: %s", strings.Join(args, " "), firstLine(msg))
				default:
					t.Fatalf("add resource %s: exit %d (want 0, or 2 for bad input):\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
				}
			}
			var stdout, stderr bytes.Buffer
			if code := Main([]string{"check", "-C", dir}, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("check after the adds: exit %d\n%s%s", code, stdout.String(), stderr.String())
			}
			if added == 0 {
				return // every definition was refused: nothing new to build
			}
			env := append(os.Environ(), "TEST_DATABASE_URL="+pg)
			for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
				cmd := exec.Command("go", args...)
				cmd.Dir, cmd.Env = dir, env
				if out, err := cmd.CombinedOutput(); err != nil {
					spec, _ := os.ReadFile(filepath.Join(dir, "gobackend.yaml"))
					t.Fatalf("go %s: %v\n%s\nmanifest:\n%s", strings.Join(args, " "), err, tail(out, 60), spec)
				}
			}
		})
	}
}

var (
	randomResourceNames = []string{"widgets", "people", "db", "cpus", "values", "exists", "order_items", "statuses",
		"analyses", "children", "api_keys", "urls", "geese", "data_points", "as", "references", "servers", "limits",
		"users", "ids", "http_logs", "matrices"}
	randomFieldNames = []string{"name", "title", "row", "ctx", "err", "type", "select", "order", "range", "count",
		"url", "api_id", "total", "note", "status", "kind", "amount", "starts_at", "day", "flag", "ratio", "views",
		"code", "label", "id_", "password_hash", "limit", "cursor", "sort", "default", "ip_address"}
	randomTypes = []string{"string", "text", "int", "bigint", "float", "decimal", "bool", "uuid", "time", "date", "enum", "ref"}
)

// randomResource returns the arguments of one add resource: its name, then
// its fields.
func randomResource(rng *rand.Rand, existing []string, auth bool) []string {
	name := randomResourceNames[rng.IntN(len(randomResourceNames))]
	for slices.Contains(existing, name) {
		name += "s"
	}
	args := []string{name}
	if auth && rng.IntN(2) == 0 {
		args = append(args, "--owned")
	}
	used := map[string]bool{}
	for range 1 + rng.IntN(6) {
		f := randomFieldNames[rng.IntN(len(randomFieldNames))]
		if used[f] {
			continue
		}
		used[f] = true
		typ := randomTypes[rng.IntN(len(randomTypes))]
		switch typ {
		case "enum":
			typ = []string{"enum=a,b", "enum=draft,live,gone", "enum=x"}[rng.IntN(3)]
		case "ref":
			targets := append([]string{name}, existing...)
			typ = "ref=" + targets[rng.IntN(len(targets))]
			if !strings.HasSuffix(f, "_id") {
				f += "_id"
			}
		}
		arg := f + ":" + typ + randomModifiersFor(rng, typ, strings.HasPrefix(typ, "ref="+name))
		args = append(args, arg)
	}
	return args
}

// randomModifiersFor picks modifiers that suit the type, and one time in
// ten one that may not: a definition the tool refuses passes only with a
// message of its own.
func randomModifiersFor(rng *rand.Rand, typ string, self bool) string {
	base, _, _ := strings.Cut(typ, "=")
	in := func(types ...string) bool { return slices.Contains(types, base) }
	var mods []string
	optional := self || rng.IntN(3) == 0
	if optional {
		mods = append(mods, "optional")
	}
	if rng.IntN(5) == 0 && !in("bool") {
		mods = append(mods, "unique")
	}
	if rng.IntN(5) == 0 && !in("text", "float") {
		mods = append(mods, "filter")
	}
	if rng.IntN(5) == 0 && !optional && in("string", "int", "bigint", "float", "uuid", "time", "enum") {
		mods = append(mods, "sort")
	}
	if rng.IntN(5) == 0 && in("string", "text") {
		mods = append(mods, "search")
	}
	if rng.IntN(5) == 0 && !optional && !in("uuid", "time", "date", "ref") {
		mods = append(mods, "default="+defaultFor(rng, typ))
	}
	if rng.IntN(4) == 0 && in("string", "text", "int", "bigint", "float") {
		lo := rng.IntN(5)
		mods = append(mods, fmt.Sprintf("min=%d", lo), fmt.Sprintf("max=%d", lo+1+rng.IntN(50)))
	}
	if rng.IntN(4) == 0 && in("decimal") {
		mods = append(mods, "min=0")
	}
	if rng.IntN(10) == 0 { // anything at all
		mods = append(mods, []string{"index", "unique", "sort", "search", "min=300", "max=0", "default=a"}[rng.IntN(7)])
	}
	if len(mods) == 0 {
		return ""
	}
	return ":" + strings.Join(mods, ":")
}

// defaultFor is a default value that usually suits typ.
func defaultFor(rng *rand.Rand, typ string) string {
	switch {
	case typ == "int", typ == "float":
		return strconv.Itoa(rng.IntN(100))
	case typ == "bigint":
		return "9007199254740992" // 2^53, the largest a JSON number holds exactly
	case typ == "decimal":
		return "12.50"
	case typ == "bool":
		return "true"
	case strings.HasPrefix(typ, "enum="):
		return strings.Split(strings.TrimPrefix(typ, "enum="), ",")[0]
	}
	return "hello"
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

func tail(out []byte, lines int) string {
	all := strings.Split(string(out), "\n")
	return strings.Join(all[max(0, len(all)-lines):], "\n")
}
