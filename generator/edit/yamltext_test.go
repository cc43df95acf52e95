package edit

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// TestAddEntries pins where and how new entries are written for each shape
// the target mapping can have.
func TestAddEntries(t *testing.T) {
	entry := func() *yaml.Node { return mapping("people", mapping("sort", flowSeq("created_at"))) }
	block := "  people:\n    sort: [created_at]\n"
	for _, tc := range []struct{ name, src, want string }{
		{"block", "resources:\n  a: {}\n\n# end\n", "resources:\n  a: {}\n" + block + "\n# end\n"},
		{"block with nested values and comments", "resources:\n  a:\n    sort: [x]\n    # about a\nother: 1\n",
			"resources:\n  a:\n    sort: [x]\n    # about a\n" + block + "other: 1\n"},
		{"empty flow", "resources: {}\n", "resources:\n" + block},
		{"empty flow with comment", "resources: {}  # none yet\nx: 1\n", "resources:  # none yet\n" + block + "x: 1\n"},
		{"no value", "resources:\nx: 1\n", "resources:\n" + block + "x: 1\n"},
		{"explicit null", "resources: ~\n", "resources:\n" + block},
		{"flow", "resources: {a: {}}\n", "resources: {a: {}, people: {sort: [created_at]}}\n"},
		{"multi-line flow with trailing comma", "resources: {\n  a: {},\n}\n", "resources: {\n  a: {}, people: {sort: [created_at]}\n}\n"},
		{"quoted braces and comments in flow", "resources: {a: {schema: '}'}, b: \"{\"} # }\n",
			"resources: {a: {schema: '}'}, b: \"{\", people: {sort: [created_at]}} # }\n"},
		{"no final newline", "resources:\n  a: {}", "resources:\n  a: {}\n" + block},
		{"crlf", "resources:\r\n  a: {}\r\n", "resources:\r\n  a: {}\r\n  people:\r\n    sort: [created_at]\r\n"},
		{"four spaces", "x:\n    y: 1\nresources:\n    a: {}\n", "x:\n    y: 1\nresources:\n    a: {}\n    people:\n        sort: [created_at]\n"},
		{"block scalar at the end", "resources:\n  a:\n    note: |\n      text\n      # still text\n\nz: 1\n",
			"resources:\n  a:\n    note: |\n      text\n      # still text\n" + block + "\nz: 1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := parseDoc("f.yaml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			k, v := lookup(d.root, "resources")
			if err := d.addEntries(k, v, entry()); err != nil {
				t.Fatal(err)
			}
			if got := string(d.result()); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			var out any
			if err := yaml.Unmarshal(d.result(), &out); err != nil {
				t.Errorf("result does not parse: %v", err)
			}
		})
	}
}

func TestAddTopLevelAndSequences(t *testing.T) {
	t.Run("missing key goes to the end", func(t *testing.T) {
		d, _ := parseDoc("f.yaml", []byte("version: 1\n# trailing\n"))
		if err := d.addEntries(nil, d.root, mapping("resources", mapping("a", mapping("sort", flowSeq("x"))))); err != nil {
			t.Fatal(err)
		}
		want := "version: 1\n# trailing\nresources:\n  a:\n    sort: [x]\n"
		if got := string(d.result()); got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("before a key, above its comments", func(t *testing.T) {
		d, _ := parseDoc("f.yaml", []byte("openapi: 3.0.3\n# the paths\npaths: {}\n"))
		if err := d.addEntries(nil, d.root, mapping("tags", seq(mapping("name", "a"))), "paths"); err != nil {
			t.Fatal(err)
		}
		want := "openapi: 3.0.3\ntags:\n  - name: a\n# the paths\npaths: {}\n"
		if got := string(d.result()); got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("empty file", func(t *testing.T) {
		d, _ := parseDoc("f.yaml", nil)
		if err := d.addEntries(nil, d.root, mapping("a", "b")); err != nil {
			t.Fatal(err)
		}
		if got := string(d.result()); got != "a: b\n" {
			t.Errorf("got %q", got)
		}
	})
	for _, tc := range []struct{ name, src, want string }{
		{"indented sequence", "tags:\n  - name: a\npaths: {}\n", "tags:\n  - name: a\n  - name: b\npaths: {}\n"},
		{"flush sequence", "tags:\n- name: a\n  # about a\npaths: {}\n", "tags:\n- name: a\n  # about a\n- name: b\npaths: {}\n"},
		{"empty flow sequence", "tags: []\n", "tags:\n  - name: b\n"},
		{"flow sequence", "tags: [{name: a}]\n", "tags: [{name: a}, {name: b}]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := parseDoc("f.yaml", []byte(tc.src))
			k, v := lookup(d.root, "tags")
			if err := d.addItems(k, v, seq(mapping("name", "b"))); err != nil {
				t.Fatal(err)
			}
			if got := string(d.result()); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
	t.Run("flow inside flow stays flow", func(t *testing.T) {
		d, _ := parseDoc("f.yaml", []byte("components: {schemas: {}}\n"))
		k, v := lookup(d.root, "components", "schemas")
		if err := d.addEntries(k, v, mapping("A", mapping("type", "object"))); err != nil {
			t.Fatal(err)
		}
		if got, want := string(d.result()), "components: {schemas: {A: {type: object}}}\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("wrong kind", func(t *testing.T) {
		d, _ := parseDoc("f.yaml", []byte("resources: [a]\n"))
		k, v := lookup(d.root, "resources")
		if err := d.addEntries(k, v, mapping("a", "b")); err == nil || err.Error() != "f.yaml:1:12: resources must be a mapping" {
			t.Errorf("err = %v", err)
		}
	})
}
