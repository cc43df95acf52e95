package migrate

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/manifest"
	"github.com/gobackend/gobackend/generator/model"
	"github.com/gobackend/gobackend/generator/spec"
)

// goldenProject resolves the manifest and spec of a golden tree, the api
// blueprint for one database.
func goldenProject(t *testing.T, db string) (*model.Project, string) {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "golden", "api-"+db)
	read := func(p string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	m, err := manifest.Parse("gobackend.yaml", read("gobackend.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := spec.Load("api/openapi.yaml", read("api/openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Resolve(m, doc, model.Options{GoVersion: "1.26"})
	if err != nil {
		t.Fatal(err)
	}
	return p, string(read("internal/db/migrations/00001_init.sql"))
}

func TestFromModelBlueprint(t *testing.T) {
	p, _ := goldenProject(t, "sqlite")
	s := FromModel(p)
	got := string(s.Marshal())
	for _, want := range []string{
		`"name": "customers"`, `"name": "orders"`,
		`"name": "orders_customer_id_fkey",` + "\n          \"column\": \"customer_id\",\n          \"ref_table\": \"customers\"",
		`"name": "customers_email_key"`, `"name": "orders_number_key"`,
		`"name": "orders_status_created_at_idx"`, `"name": "orders_created_at_id_idx"`, `"name": "orders_number_id_idx"`,
		`"name": "orders_status_filter_idx"`, `"name": "orders_customer_id_idx"`,
		`"default": "'pending'"`, `"enum": [` + "\n            \"pending\",",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("snapshot lacks %s", want)
		}
	}
	// customer_id is a filter but already indexed as a reference; email is
	// a filter covered by its unique constraint.
	for _, bad := range []string{"orders_customer_id_filter_idx", "customers_email_filter_idx"} {
		if strings.Contains(got, bad) {
			t.Errorf("snapshot has redundant index %s", bad)
		}
	}
	if !strings.HasSuffix(got, "}\n") || !strings.HasPrefix(got, "{\n  \"version\": 1,\n  \"tables\": [") {
		t.Errorf("snapshot format:\n%s", got)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	for i, s := range steps() {
		data := s.Marshal()
		back, err := Unmarshal(data)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if !bytes.Equal(back.Marshal(), data) || !back.Equal(s) {
			t.Errorf("step %d: round trip changed the snapshot", i)
		}
		// Table order in the model (manifest order) does not matter.
		shuffled := s.clone()
		shuffled.Tables = reversed(shuffled.Tables)
		if !bytes.Equal(shuffled.Marshal(), data) {
			t.Errorf("step %d: Marshal depends on table order", i)
		}
	}
	empty, err := Unmarshal([]byte(`{"version": 1, "tables": []}`))
	if err != nil || len(empty.Tables) != 0 || string(empty.Marshal()) != "{\n  \"version\": 1,\n  \"tables\": []\n}\n" {
		t.Errorf("empty = %+v, %v", empty, err)
	}
	for _, bad := range []string{`{"version": 2, "tables": []}`, `{"tables": [{"name": ""}]}`, `{"tables": [`, `{"tables": [{"name": "a", "columns": [{"name": "x"}]}]}`} {
		if _, err := Unmarshal([]byte(bad)); err == nil {
			t.Errorf("Unmarshal(%s) accepted", bad)
		}
	}
}

// TestInitMatchesTemplate proves Diff(∅, model) builds the schema that the
// init template built, on a real database of each dialect: the same
// columns, types, defaults, checks, references and indexes, and on
// PostgreSQL the same constraint names (the template's are PostgreSQL's
// defaults, which the package uses).
func TestInitMatchesTemplateSQLite(t *testing.T) { testInitMatchesTemplate(t, sqliteDB()) }
func TestInitMatchesTemplatePostgres(t *testing.T) {
	testInitMatchesTemplate(t, postgresDB(t))
}

func testInitMatchesTemplate(t *testing.T, tdb testDB) {
	p, golden := goldenProject(t, tdb.dialect)
	m, err := Diff(nil, FromModel(p), tdb.dialect)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "init" || len(m.Destructive) != 0 {
		t.Errorf("name %q, destructive %q", m.Name, m.Destructive)
	}
	shape := tdb.shape
	if tdb.dialect == sqlite {
		// The template declared uniques in CREATE TABLE; the package makes
		// them indexes, which SQLite can add and drop in place.
		shape = func(t *testing.T, db *sql.DB) string { return sqliteShapeOpts(t, db, true) }
	}
	ours, theirs := tdb.open(t), tdb.open(t)
	up, _ := migrateFile(t, m)
	if err := applyTx(t, ours, up); err != nil {
		t.Fatal(err)
	}
	tup, _ := gooseSplit(t, []byte(golden))
	if err := applyTx(t, theirs, tup); err != nil {
		t.Fatal(err)
	}
	if a, b := shape(t, theirs), shape(t, ours); a != b {
		t.Errorf("schema differs from the template's (- template, + package):\n%s", shapeDiff(a, b))
	}
}
