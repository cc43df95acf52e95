package manifest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

const fullManifest = `version: 1
name: shop
module: example.com/shop
database: postgres
spec: api/shop.yaml
features: [auth, cache, search, webhooks]
resources:
  orders:
    schema: Order
    table: shop_orders
    id: bigint
    owned: true
    timestamps: false
    soft_delete: true
    references: {customer_id: customers}
    indexes: [[status, created_at]]
    unique: [[number]]
    filter: [status, customer_id, total]
    sort: [created_at, total]
    search: [note]
    cache: 60s
    events: true
  customers:
webhooks:
  endpoints: admin
`

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func TestParseFull(t *testing.T) {
	m, err := Parse("gobackend.yaml", []byte(fullManifest))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	eq(t, "Version", m.Version, 1)
	eq(t, "Name", m.Name, "shop")
	eq(t, "NamePos", m.NamePos, Pos{2, 7})
	eq(t, "Module", m.Module, "example.com/shop")
	eq(t, "Database", m.Database, "postgres")
	eq(t, "Spec", m.Spec, "api/shop.yaml")
	eq(t, "Features", m.Features, []string{"auth", "cache", "search", "webhooks"})
	eq(t, "FeaturePos", m.FeaturePos, []Pos{{6, 12}, {6, 18}, {6, 25}, {6, 33}})
	eq(t, "Keys[resources]", m.Keys["resources"], Pos{7, 1})
	eq(t, "WebhookEndpoints", m.WebhookEndpoints, WebhookEndpointsAdmin)
	eq(t, "WebhookEndpointsPos", m.WebhookEndpointsPos, Pos{25, 14})
	if len(m.Resources) != 2 || m.Resources[0].Key != "orders" || m.Resources[1].Key != "customers" {
		t.Fatalf("Resources not in file order: %+v", m.Resources)
	}

	o := m.Resource("orders")
	eq(t, "KeyPos", o.KeyPos, Pos{8, 3})
	eq(t, "Schema", o.Schema, "Order")
	eq(t, "Table", o.Table, "shop_orders")
	eq(t, "ID", o.ID, "bigint")
	eq(t, "Owned", o.Owned, true)
	eq(t, "Timestamps", o.Timestamps, false)
	eq(t, "SoftDelete", o.SoftDelete, true)
	eq(t, "Events", o.Events, true)
	eq(t, "References", o.References, []Reference{{
		Field: Name{"customer_id", Pos{15, 18}}, Target: Name{"customers", Pos{15, 31}}}})
	eq(t, "Indexes", o.Indexes, [][]Name{{{"status", Pos{16, 16}}, {"created_at", Pos{16, 24}}}})
	eq(t, "Unique", o.Unique, [][]Name{{{"number", Pos{17, 15}}}})
	eq(t, "Filter", o.Filter, []Name{{"status", Pos{18, 14}}, {"customer_id", Pos{18, 22}}, {"total", Pos{18, 35}}})
	eq(t, "Sort", Values(o.Sort), []string{"created_at", "total"})
	eq(t, "Search", o.Search, []Name{{"note", Pos{20, 14}}})
	eq(t, "Cache", o.Cache, 60*time.Second)
	eq(t, "CachePos", o.CachePos, Pos{21, 12})
	eq(t, "Keys[owned]", o.Keys["owned"], Pos{12, 5})

	// An empty resource body gets every default, and nothing else.
	eq(t, "customers", m.Resource("customers"), &Resource{Key: "customers", KeyPos: Pos{23, 3},
		Table: "customers", ID: "uuid", Timestamps: true, Keys: map[string]Pos{}})
	eq(t, "missing resource", m.Resource("nope"), (*Resource)(nil))
}

func TestParseDefaults(t *testing.T) {
	m, err := Parse("gobackend.yaml", []byte("version: 1\nname: shop\nmodule: shop\nresources:\n  orders: {}\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	eq(t, "Database", m.Database, DatabaseSQLite)
	eq(t, "Spec", m.Spec, DefaultSpec)
	eq(t, "DatabasePos", m.DatabasePos, Pos{})
	eq(t, "Features", len(m.Features), 0)
	eq(t, "WebhookEndpoints", m.WebhookEndpoints, WebhookEndpointsOwner)
	r := m.Resources[0]
	eq(t, "Schema", r.Schema, "") // left for the model layer to derive
	eq(t, "Table", r.Table, "orders")
	eq(t, "ID", r.ID, IDUUID)
	eq(t, "Timestamps", r.Timestamps, true)
	eq(t, "Cache", r.Cache, time.Duration(0))
}

func TestParseHTTPCache(t *testing.T) {
	in := base + "resources:\n  orders:\n    http_cache: {max_age: 1500ms, public: true}\n  tags:\n    http_cache: {max_age: 1h}\n  notes:\n    http_cache: {}\n  people:\n"
	m, err := Parse("gobackend.yaml", []byte(in))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	eq(t, "orders", m.Resource("orders").HTTPCache, &HTTPCache{Pos: Pos{6, 17},
		MaxAge: 2 * time.Second, MaxAgePos: Pos{6, 27}, Public: true, PublicPos: Pos{6, 43}})
	eq(t, "tags", m.Resource("tags").HTTPCache, &HTTPCache{Pos: Pos{8, 17}, MaxAge: time.Hour, MaxAgePos: Pos{8, 27}})
	eq(t, "notes", m.Resource("notes").HTTPCache, &HTTPCache{Pos: Pos{10, 17}})
	eq(t, "people", m.Resource("people").HTTPCache, (*HTTPCache)(nil))
}

// base is a valid header; cases append lines starting at line 4.
const base = "version: 1\nname: shop\nmodule: example.com/shop\n"

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // without the "gobackend.yaml:" prefix
	}{
		// YAML itself.
		{"syntax", "version: 1\nname: shop\n  module: x\n",
			[]string{"3:1: syntax error: mapping values are not allowed in this context"}},
		{"syntax flow", "name: [shop\n", []string{"1:1: syntax error: did not find expected ',' or ']'"}},
		{"empty", "", []string{`1:1: manifest is empty (start with "version: 1")`}},
		{"two documents", base + "---\nname: x\n", []string{"5:1: a manifest must be a single YAML document"}},
		{"duplicate key", base + "name: other\n", []string{`4:1: duplicate key "name" (first defined at 2:1)`}},

		// Unknown keys at every level.
		{"unknown top key", base + "featurs: [auth]\n",
			[]string{`4:1: unknown key "featurs" (did you mean "features"?)`}},
		{"unknown top key, no suggestion", base + "colour: red\n",
			[]string{`4:1: unknown key "colour" (allowed keys: version, name, module, database, spec, features, resources, schedules, webhooks)`}},
		{"unknown resource key", base + "resources:\n  orders:\n    tabel: x\n",
			[]string{`6:5: resources.orders: unknown key "tabel" (did you mean "table"?)`}},
		{"unknown resource key, transposed", base + "resources:\n  orders:\n    soft_dleete: true\n",
			[]string{`6:5: resources.orders: unknown key "soft_dleete" (did you mean "soft_delete"?)`}},

		// Wrong kinds.
		{"root is a list", "- a\n", []string{"1:1: expected a mapping of manifest settings, got a list"}},
		{"version as string", "version: \"1\"\nname: shop\nmodule: m\n",
			[]string{"1:10: version: expected an integer, got a string"}},
		{"features scalar", base + "features: auth\n",
			[]string{"4:11: features: expected a list of feature names, got a string (write [auth])"}},
		{"resources list", base + "resources: [orders]\n",
			[]string{"4:12: resources: expected a mapping of resources, got a list"}},
		{"resource body list", base + "resources:\n  orders: [a]\n",
			[]string{"5:11: resources.orders: expected a mapping of resource settings, got a list"}},
		{"filter scalar", base + "resources:\n  orders:\n    filter: status\n",
			[]string{"6:13: resources.orders.filter: expected a list of field names, got a string (write [status])"}},
		{"filter item mapping", base + "resources:\n  orders:\n    filter: [{status: eq}]\n",
			[]string{"6:14: resources.orders.filter: expected a field name, got a mapping"}},
		{"indexes flat", base + "resources:\n  orders:\n    indexes: [status]\n",
			[]string{"6:15: resources.orders.indexes: expected a list of field names, got a string (write [status])"}},
		{"indexes scalar", base + "resources:\n  orders:\n    indexes: status\n",
			[]string{"6:14: resources.orders.indexes: expected a list of indexes, each a list of field names, got a string (write [[status]])"}},
		{"owned not bool", base + "features: [auth]\nresources:\n  orders:\n    owned: yes\n",
			[]string{"7:12: resources.orders.owned: expected true or false, got a string"}},
		{"references list", base + "resources:\n  orders:\n    references: [customer_id]\n",
			[]string{"6:17: resources.orders.references: expected a mapping of field: resource, got a list"}},
		{"schema list", base + "resources:\n  orders:\n    schema: [Order]\n",
			[]string{"6:13: resources.orders.schema: expected a string, got a list"}},

		// Top-level values.
		{"unsupported version", "version: 2\nname: shop\nmodule: m\n",
			[]string{"1:10: version: unsupported version 2 (supported: 1)"}},
		{"missing name and module", "version: 1\n", []string{
			`1:1: missing required key "name" (add name: <app name>, e.g. name: shop)`,
			`1:1: missing required key "module" (add module: <Go module path>, e.g. module: example.com/shop)`}},
		{"missing version", "name: shop\nmodule: m\n", []string{`1:1: missing required key "version" (add version: 1)`}},
		{"invalid name", "version: 1\nname: MyShop\nmodule: m\n", []string{
			`2:7: name: invalid name "MyShop" (use lowercase letters, digits and dashes, starting with a letter, e.g. "my-shop")`}},
		{"empty name", "version: 1\nname:\nmodule: m\n", []string{"2:6: name: must not be empty"}},
		{"invalid module", "version: 1\nname: shop\nmodule: example.com//shop\n",
			[]string{`3:9: module: invalid module path "example.com//shop": invalid path element ""`}},
		{"module with space", "version: 1\nname: shop\nmodule: my shop\n",
			[]string{`3:9: module: invalid module path "my shop": character ' ' is not allowed`}},
		{"database typo", base + "database: postgress\n",
			[]string{`4:11: database: unknown database "postgress" (did you mean "postgres"?)`}},
		{"database unknown", base + "database: mysql\n",
			[]string{`4:11: database: unknown database "mysql" (allowed: sqlite, postgres)`}},
		{"feature typo", base + "features: [auht]\n",
			[]string{`4:12: features: unknown feature "auht" (did you mean "auth"?)`}},
		{"feature unknown", base + "features: [payments]\n",
			[]string{`4:12: features: unknown feature "payments" (allowed: auth, cache, jobs, email, webhooks, search, storage, realtime)`}},
		{"feature duplicate", base + "features: [auth, auth]\n",
			[]string{`4:18: features: duplicate feature "auth" (first listed at 4:12)`}},
		{"schedule without feature jobs", base + "schedules:\n  nightly: {job: cleanup, cron: \"0 3 * * *\"}\n",
			[]string{`4:1: schedules: schedules require feature "jobs" (add jobs to features)`}},
		{"schedule bad cron", base + "features: [jobs]\nschedules:\n  nightly: {job: cleanup, cron: \"0 25 * * *\"}\n",
			[]string{`6:33: schedules.nightly.cron: invalid cron expression "0 25 * * *": end of range (25) above maximum (23): 25 (five fields: minute hour day-of-month month day-of-week, e.g. "0 3 * * *" (03:00 UTC daily), or @hourly, @daily)`}},
		{"schedule missing job", base + "features: [jobs]\nschedules:\n  nightly: {cron: \"@daily\"}\n",
			[]string{`6:3: schedules.nightly: missing required key "job"`}},
		{"schedule unknown key", base + "features: [jobs]\nschedules:\n  nightly: {job: a, cron: \"@daily\", every: 1h}\n",
			[]string{`6:37: schedules.nightly: unknown key "every" (allowed keys: job, cron)`}},
		{"webhooks without feature", base + "webhooks:\n  endpoints: admin\n",
			[]string{`4:1: webhooks: webhooks settings require feature "webhooks" (add webhooks to features)`}},
		{"webhooks endpoints typo", base + "features: [auth, jobs, webhooks]\nwebhooks:\n  endpoints: admn\n",
			[]string{`6:14: webhooks.endpoints: unknown endpoint ownership "admn" (did you mean "admin"?)`}},
		{"webhooks unknown key", base + "features: [auth, jobs, webhooks]\nwebhooks:\n  owners: admin\n",
			[]string{`6:3: webhooks: unknown key "owners" (allowed keys: endpoints)`}},

		// Resource values.
		{"invalid resource key", base + "resources:\n  OrderItems:\n",
			[]string{`5:3: resources: invalid resource key "OrderItems" (use lower snake_case, e.g. "order_items")`}},
		{"unknown id", base + "resources:\n  orders:\n    id: int\n",
			[]string{`6:9: resources.orders.id: unknown id type "int" (allowed: uuid, bigint)`}},
		{"id typo", base + "resources:\n  orders:\n    id: uuidd\n",
			[]string{`6:9: resources.orders.id: unknown id type "uuidd" (did you mean "uuid"?)`}},
		{"cache without unit", base + "resources:\n  orders:\n    cache: 60\n",
			[]string{`6:12: resources.orders.cache: invalid duration "60" (add a unit, e.g. "60s")`}},
		{"cache garbage", base + "resources:\n  orders:\n    cache: soon\n",
			[]string{`6:12: resources.orders.cache: invalid duration "soon" (use a Go duration such as "60s" or "5m")`}},
		{"cache zero", base + "resources:\n  orders:\n    cache: 0s\n",
			[]string{`6:12: resources.orders.cache: duration must be positive, got "0s"`}},
		{"http_cache unknown key", base + "resources:\n  orders:\n    http_cache: {max_age: 60s, pubic: true}\n",
			[]string{`6:32: resources.orders.http_cache: unknown key "pubic" (did you mean "public"?)`}},
		{"http_cache not a mapping", base + "resources:\n  orders:\n    http_cache: 60s\n",
			[]string{`6:17: resources.orders.http_cache: expected a mapping such as {max_age: 60s, public: true}, got a string`}},
		{"http_cache max_age without unit", base + "resources:\n  orders:\n    http_cache: {max_age: 60}\n",
			[]string{`6:27: resources.orders.http_cache.max_age: invalid duration "60" (add a unit, e.g. "60s")`}},
		{"http_cache max_age negative", base + "resources:\n  orders:\n    http_cache:\n      max_age: -1m\n",
			[]string{`7:16: resources.orders.http_cache.max_age: duration must be positive, got "-1m"`}},
		{"http_cache max_age zero", base + "resources:\n  orders:\n    http_cache: {max_age: 0s}\n",
			[]string{`6:27: resources.orders.http_cache.max_age: max_age must be at least 1s, got "0s" (leave max_age out to revalidate on every use)`}},
		{"http_cache max_age under a second", base + "resources:\n  orders:\n    http_cache: {max_age: 400ms}\n",
			[]string{`6:27: resources.orders.http_cache.max_age: max_age 400ms is under a second (Cache-Control counts whole seconds: use at least "1s")`}},
		{"http_cache public not bool", base + "resources:\n  orders:\n    http_cache: {public: yes}\n",
			[]string{"6:26: resources.orders.http_cache.public: expected true or false, got a string"}},
		{"http_cache public on owned", base + "features: [auth]\nresources:\n  orders:\n    owned: true\n    http_cache: {max_age: 60s, public: true}\n",
			[]string{"8:40: resources.orders.http_cache.public: an owned resource cannot be public: its rows belong to the caller, and a shared cache would hand them to others (remove public: true, or owned: true)"}},
		{"invalid table", base + "resources:\n  orders:\n    table: order items\n",
			[]string{`6:12: resources.orders.table: invalid table name "order items" (use letters, digits and underscores)`}},
		{"duplicate table", base + "resources:\n  orders:\n  sales:\n    table: orders\n",
			[]string{`7:12: resources.sales: duplicate table "orders" (also used by resources.orders)`}},

		// Cross checks.
		{"reference typo", base + "resources:\n  orders:\n    references: {customer_id: customer}\n  customers:\n",
			[]string{`6:31: resources.orders.references.customer_id: unknown resource "customer" (did you mean "customers"?)`}},
		{"reference unknown", base + "resources:\n  orders:\n    references: {user_id: users}\n",
			[]string{`6:27: resources.orders.references.user_id: unknown resource "users" (known resources: orders)`}},
		{"owned without auth", base + "resources:\n  orders:\n    owned: true\n",
			[]string{`6:5: resources.orders.owned: owned resources require feature "auth" (add auth to features)`}},
		{"cache without feature", base + "resources:\n  orders:\n    cache: 60s\n",
			[]string{`6:5: resources.orders.cache: cache requires feature "cache" (add cache to features)`}},
		{"events without webhooks", base + "resources:\n  orders:\n    events: true\n",
			[]string{`6:5: resources.orders.events: events require feature "webhooks" (add webhooks to features)`}},
		{"search without feature", base + "features: [auth]\nresources:\n  orders:\n    search: [note]\n",
			[]string{`7:5: resources.orders.search: search requires feature "search" (add search to features)`}},

		// Duplicates within one list.
		{"duplicate filter", base + "resources:\n  orders:\n    filter: [status, total, status]\n",
			[]string{`6:29: resources.orders.filter: duplicate field "status" (first listed at 6:14)`}},
		{"duplicate sort", base + "resources:\n  orders:\n    sort: [total, total]\n",
			[]string{`6:19: resources.orders.sort: duplicate field "total" (first listed at 6:12)`}},
		{"duplicate search", base + "features: [search]\nresources:\n  orders:\n    search: [note, note]\n",
			[]string{`7:20: resources.orders.search: duplicate field "note" (first listed at 7:14)`}},
		{"duplicate field in index", base + "resources:\n  orders:\n    indexes: [[a, a]]\n",
			[]string{`6:19: resources.orders.indexes: duplicate field "a" (first listed at 6:16)`}},
		{"duplicate index", base + "resources:\n  orders:\n    unique: [[a, b], [a, b]]\n",
			[]string{`6:22: resources.orders.unique: duplicate unique constraint [a, b] (first listed at 6:14)`}},

		// Several problems at once, reported together in file order even
		// though the cross checks run last.
		{"all problems sorted", "version: 1\nname: shop\nresources:\n  orders:\n    owned: true\n    references: {x: nope}\n    tabel: x\n",
			[]string{
				`1:1: missing required key "module" (add module: <Go module path>, e.g. module: example.com/shop)`,
				`5:5: resources.orders.owned: owned resources require feature "auth" (add auth to features)`,
				`6:21: resources.orders.references.x: unknown resource "nope" (known resources: orders)`,
				`7:5: resources.orders: unknown key "tabel" (did you mean "table"?)`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse("gobackend.yaml", []byte(tt.in))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if m != nil {
				t.Errorf("Manifest = %+v, want nil on error", m)
			}
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error type %T, want Errors", err)
			}
			want := "gobackend.yaml:" + strings.Join(tt.want, "\ngobackend.yaml:")
			if got := err.Error(); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{NewError("gobackend.yaml", Pos{14, 11}, "resources.orders.sort", `unknown field "totl"`, `did you mean "total"?`),
			`gobackend.yaml:14:11: resources.orders.sort: unknown field "totl" (did you mean "total"?)`},
		{NewError("gobackend.yaml", Pos{3, 1}, "", "bad", ""), "gobackend.yaml:3:1: bad"},
		{NewError("gobackend.yaml", Pos{}, "name", "bad", ""), "gobackend.yaml: name: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}

	errs := Errors{
		NewError("f", Pos{2, 5}, "", "c", ""),
		NewError("f", Pos{1, 9}, "", "b", ""),
		NewError("f", Pos{1, 2}, "", "a", ""),
	}
	if got, want := errs.Err().Error(), "f:1:2: a\nf:1:9: b\nf:2:5: c"; got != want {
		t.Errorf("Errors = %q, want %q", got, want)
	}
	if Errors(nil).Err() != nil {
		t.Error("empty Errors.Err() != nil")
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"schema", "table", "id", "owned", "filter", "sort", "search", "total", "soft_delete"}
	tests := []struct{ word, want string }{
		{"totl", "total"},     // deletion
		{"tabel", "table"},    // transposition counts as one edit
		{"TABLE", "table"},    // case-insensitive
		{"Schemma", "schema"}, // insertion
		{"sotr", "sort"},      // transposition
		{"xyz", ""},           // nothing close
		{"ownedness", ""},     // too far for its length
		{"soft-delete", "soft_delete"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, cands); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
