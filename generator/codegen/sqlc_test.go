package codegen

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gobackend/gobackend/generator/files"
)

// sqlcYAML is the config the generator emits, for one engine.
func sqlcYAML(engine string) string {
	return `version: "2"
sql:
  - engine: ` + engine + `
    schema: internal/db/migrations
    queries: internal/db/queries
    gen:
      go:
        package: store
        out: internal/db/store
        emit_empty_slices: true
`
}

const sqliteMigration = `-- +goose Up
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    shipped_at TIMESTAMP
);

-- +goose Down
DROP TABLE orders;
`

const postgresMigration = `-- +goose Up
CREATE TABLE orders (
    id uuid PRIMARY KEY,
    customer_id text NOT NULL,
    total_cents bigint NOT NULL,
    quantity integer NOT NULL,
    note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    shipped_at timestamp
);

-- +goose Down
DROP TABLE orders;
`

// ordersQueries is valid for both engines: sqlc.arg/sqlc.narg are rewritten
// to each engine's placeholder.
const ordersQueries = `-- name: GetOrder :one
SELECT * FROM orders WHERE id = sqlc.arg(id);

-- name: ListOrdersByCustomer :many
SELECT * FROM orders WHERE customer_id = sqlc.arg(customer_id) ORDER BY created_at;

-- name: CreateOrder :one
INSERT INTO orders (id, customer_id, total_cents, note)
VALUES (sqlc.arg(id), sqlc.arg(customer_id), sqlc.arg(total_cents), sqlc.narg(note))
RETURNING *;

-- name: SetOrderNote :exec
UPDATE orders SET note = sqlc.narg(note) WHERE id = sqlc.arg(id);

-- name: DeleteOrder :execrows
DELETE FROM orders WHERE id = sqlc.arg(id);
`

func sqlcInput(engine, migration, queries string) []files.File {
	return []files.File{
		{Path: "sqlc.yaml", Data: []byte(sqlcYAML(engine)), Class: files.Generated},
		{Path: "internal/db/migrations/00001_orders.sql", Data: []byte(migration), Class: files.Migration},
		{Path: "internal/db/queries/orders.gen.sql", Data: []byte(queries), Class: files.Generated},
	}
}

// runSQLC runs the engine with TMPDIR pointed at a test directory, so that
// the test can check the temporary project was removed. (Other things may
// appear there: x/tools, linked in through oapi-codegen, creates
// $TMPDIR/goimports when it initialises inside a test binary.)
func runSQLC(t *testing.T, in []files.File) ([]files.File, error) {
	t.Helper()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	start := time.Now()
	out, err := SQLC{}.Generate(context.Background(), in)
	t.Logf("sqlc child run took %s", time.Since(start).Round(time.Millisecond))
	left, rerr := filepath.Glob(filepath.Join(tmp, "gobackend-sqlc-*"))
	if rerr != nil {
		t.Fatal(rerr)
	}
	if len(left) != 0 {
		t.Errorf("temporary project not removed: %v", left)
	}
	return out, err
}

// byPath checks the output set and indexes it.
func byPath(t *testing.T, out []files.File) map[string]files.File {
	t.Helper()
	m := map[string]files.File{}
	var paths []string
	for _, f := range out {
		m[f.Path] = f
		paths = append(paths, f.Path)
		if f.Class != files.Generated {
			t.Errorf("%s: class %v, want generated", f.Path, f.Class)
		}
		assertHeader(t, f.Path, f.Data)
	}
	want := []string{"internal/db/store/db.go", "internal/db/store/models.go", "internal/db/store/orders.gen.sql.go"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Fatalf("outputs %v, want %v", paths, want)
	}
	return m
}

func TestSQLCSQLite(t *testing.T) {
	out, err := runSQLC(t, sqlcInput("sqlite", sqliteMigration, ordersQueries))
	if err != nil {
		t.Fatal(err)
	}
	m := byPath(t, out)
	models := parseDecls(t, "models.go", m["internal/db/store/models.go"].Data)
	t.Logf("sqlite Order: %v", models.fields["Order"])
	hasAll(t, "sqlite Order", models.fields["Order"],
		"ID int64", "CustomerID string", "TotalCents int64", "Note sql.NullString",
		"CreatedAt time.Time", "ShippedAt sql.NullTime")
	checkQueries(t, m, "int64")
	if !strings.HasPrefix(string(m["internal/db/store/orders.gen.sql.go"].Data), files.GoHeader+"\n// source: orders.gen.sql\n\npackage store\n") {
		t.Errorf("unexpected head of orders.gen.sql.go:\n%.200s", m["internal/db/store/orders.gen.sql.go"].Data)
	}
	compileStore(t, out)
}

func TestSQLCPostgres(t *testing.T) {
	out, err := runSQLC(t, sqlcInput("postgresql", postgresMigration, ordersQueries))
	if err != nil {
		t.Fatal(err)
	}
	m := byPath(t, out)
	models := parseDecls(t, "models.go", m["internal/db/store/models.go"].Data)
	t.Logf("postgres Order: %v", models.fields["Order"])
	hasAll(t, "postgres Order", models.fields["Order"],
		"ID uuid.UUID", "CustomerID string", "TotalCents int64", "Quantity int32",
		"Note sql.NullString", "CreatedAt time.Time", "ShippedAt sql.NullTime")
	checkQueries(t, m, "uuid.UUID")
	if q := string(m["internal/db/store/orders.gen.sql.go"].Data); !strings.Contains(q, "WHERE id = $1") {
		t.Errorf("postgres placeholders not used:\n%s", q)
	}
}

// checkQueries asserts the query methods and their shapes, which are the
// same for both engines apart from the id type.
func checkQueries(t *testing.T, m map[string]files.File, idType string) {
	t.Helper()
	q := parseDecls(t, "orders.gen.sql.go", m["internal/db/store/orders.gen.sql.go"].Data)
	for _, fn := range []string{"GetOrder", "ListOrdersByCustomer", "CreateOrder", "SetOrderNote", "DeleteOrder"} {
		if !q.funcs[fn] {
			t.Errorf("query method %s missing", fn)
		}
	}
	t.Logf("CreateOrderParams: %v", q.fields["CreateOrderParams"])
	t.Logf("SetOrderNoteParams: %v", q.fields["SetOrderNoteParams"])
	hasAll(t, "CreateOrderParams", q.fields["CreateOrderParams"],
		"ID "+idType, "CustomerID string", "TotalCents int64", "Note sql.NullString")
	hasAll(t, "SetOrderNoteParams", q.fields["SetOrderNoteParams"], "Note sql.NullString", "ID "+idType)
	src := string(m["internal/db/store/orders.gen.sql.go"].Data)
	for _, sig := range []string{
		"func (q *Queries) GetOrder(ctx context.Context, id " + idType + ") (Order, error)",
		"func (q *Queries) ListOrdersByCustomer(ctx context.Context, customerID string) ([]Order, error)",
		"func (q *Queries) CreateOrder(ctx context.Context, arg CreateOrderParams) (Order, error)",
		"func (q *Queries) SetOrderNote(ctx context.Context, arg SetOrderNoteParams) error",
		"func (q *Queries) DeleteOrder(ctx context.Context, id " + idType + ") (int64, error)",
		"items := []Order{}", // emit_empty_slices
	} {
		if !strings.Contains(src, sig) {
			t.Errorf("orders.gen.sql.go lacks %q", sig)
		}
	}
}

// compileStore builds the sqlite store package (standard library only) in a
// scratch module, proving the rewritten files still compile.
func compileStore(t *testing.T, out []files.File) {
	t.Helper()
	if testing.Short() {
		t.Skip("compile check skipped in -short mode")
	}
	dir := t.TempDir()
	write := func(p string, data []byte) {
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte("module example.com/p\n\ngo 1.22\n"))
	for _, f := range out {
		write(f.Path, f.Data)
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	start := time.Now()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generated sqlite store does not vet: %v\n%s", err, b)
	}
	t.Logf("go vet of the sqlite store took %s", time.Since(start).Round(time.Millisecond))
}

func TestSQLCBadSQL(t *testing.T) {
	bad := strings.Replace(ordersQueries, "SELECT * FROM orders WHERE customer_id",
		"SELECT id, totl FROM orders WHERE customer_id", 1)
	for _, engine := range []string{"sqlite", "postgresql"} {
		t.Run(engine, func(t *testing.T) {
			migration := sqliteMigration
			if engine == "postgresql" {
				migration = postgresMigration
			}
			out, err := runSQLC(t, sqlcInput(engine, migration, bad))
			if err == nil {
				t.Fatalf("no error; outputs: %d files", len(out))
			}
			msg := err.Error()
			t.Logf("error: %s", msg)
			// Line 5 of the queries file, as a project path.
			if !strings.Contains(msg, "internal/db/queries/orders.gen.sql:5:") {
				t.Errorf("error does not name the query file and line: %q", msg)
			}
			if !strings.Contains(msg, "totl") {
				t.Errorf("error does not mention the bad column: %q", msg)
			}
			if strings.Contains(msg, "gobackend-sqlc-") || strings.Contains(msg, os.TempDir()) {
				t.Errorf("error leaks the temporary directory: %q", msg)
			}
		})
	}
	// Reaching this line is the point: sqlc's os.Exit ran in the child.
	t.Log("test process survived sqlc's failure")
}

func TestSQLCBadConfig(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"engine", strings.Replace(sqlcYAML("sqlite"), "sqlite", "nosuchdb", 1), "unknown engine: nosuchdb"},
		{"syntax", "version: \"2\"\nsql: [\n", "error parsing sqlc.yaml: yaml: line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := sqlcInput("sqlite", sqliteMigration, ordersQueries)
			in[0].Data = []byte(tc.yaml)
			_, err := runSQLC(t, in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestSQLCBadInputPath(t *testing.T) {
	for _, p := range []string{"../escape.sql", "/abs.sql", "a/../b.sql", ""} {
		_, err := SQLC{Command: []string{"false"}}.Generate(context.Background(), []files.File{{Path: p}})
		if err == nil || !strings.Contains(err.Error(), "not a clean project-relative path") {
			t.Errorf("path %q: err = %v", p, err)
		}
	}
}

func TestSQLCCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := SQLC{}.Generate(ctx, sqlcInput("sqlite", sqliteMigration, ordersQueries))
	if err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("err = %v, want context canceled", err)
	}
}

func TestSQLCCommandMissing(t *testing.T) {
	_, err := SQLC{Command: []string{filepath.Join(t.TempDir(), "nope")}}.Generate(context.Background(), sqlcInput("sqlite", sqliteMigration, ordersQueries))
	if err == nil || !strings.Contains(err.Error(), "sqlc generate: start") {
		t.Fatalf("err = %v", err)
	}
}
