package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	topKeys = []string{"version", "name", "module", "database", "spec", "features", "resources", "schedules", "webhooks"}

	nameRE = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

	// yaml.v3 reports syntax errors as "yaml: line N: msg" without a column.
	yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// Parse parses, defaults and validates a manifest. filename is only used in
// error messages. On failure it returns a nil Manifest and an Errors value
// holding every problem found, sorted by position.
func Parse(filename string, data []byte) (*Manifest, error) {
	p := &parser{file: filename}
	root, ok := p.decode(data)
	if !ok {
		return nil, p.errs.Err()
	}
	m := p.manifest(root)
	p.crossCheck(m)
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// decode reads exactly one YAML document into a node tree.
func (p *parser) decode(data []byte) (*yaml.Node, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		p.syntax(err)
		return nil, false
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		at := Pos{Line: extra.Line, Col: extra.Column}
		if len(extra.Content) > 0 {
			at = pos(extra.Content[0])
		}
		p.errorf(at, "", "", "a manifest must be a single YAML document")
		return nil, false
	case !errors.Is(err, io.EOF):
		p.syntax(err)
		return nil, false
	}
	return &doc, true
}

// syntax turns a yaml.v3 error into an Error. yaml.v3 only gives a line, so
// the column is 1; without a line the error is placed at 1:1.
func (p *parser) syntax(err error) {
	at, msg := Pos{Line: 1, Col: 1}, strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		at, msg = Pos{Line: line, Col: 1}, m[2]
	}
	p.errorf(at, "", "", "syntax error: %s", msg)
}

// manifest walks the top-level mapping and applies defaults.
func (p *parser) manifest(doc *yaml.Node) *Manifest {
	m := &Manifest{File: p.file, Database: DatabaseSQLite, Spec: DefaultSpec, WebhookEndpoints: WebhookEndpointsOwner, Keys: map[string]Pos{}}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	doc = deref(doc)
	if doc.Kind == 0 || doc.Kind == yaml.DocumentNode || isNull(doc) {
		p.errorf(Pos{Line: 1, Col: 1}, "", `start with "version: 1"`, "manifest is empty")
		return m
	}
	entries, keys, ok := p.mapping("", doc, topKeys, "a mapping of manifest settings")
	if !ok {
		return m
	}
	m.Keys = keys
	for _, e := range entries {
		n, path := e.val, e.key
		switch e.key {
		case "version":
			if v, ok := p.integer(path, n); ok {
				m.Version, m.VersionPos = v, pos(n)
				if v != Version {
					p.errorf(pos(n), path, fmt.Sprintf("supported: %d", Version), "unsupported version %d", v)
				}
			}
		case "name":
			m.Name, m.NamePos = p.name(path, n)
		case "module":
			if s, ok := p.required(path, n); ok {
				m.Module, m.ModulePos = s, pos(n)
				if reason := checkModule(s); reason != "" {
					p.errorf(pos(n), path, "", "invalid module path %q: %s", s, reason)
				}
			}
		case "database":
			if s, set := p.str(path, n); set {
				m.Database, m.DatabasePos = s, pos(n)
				if !contains(databases, s) {
					p.errorf(pos(n), path, didYouMean(s, databases, "allowed"), "unknown database %q", s)
				}
			}
		case "spec":
			if s, ok := p.required(path, n); ok {
				m.Spec, m.SpecPos = s, pos(n)
			}
		case "features":
			p.features(m, path, n)
		case "resources":
			p.resources(m, path, n)
		case "schedules":
			p.schedules(m, path, n)
		case "webhooks":
			p.webhooks(m, path, n)
		}
	}
	hints := map[string]string{"version": "add version: 1", "name": "add name: <app name>, e.g. name: shop",
		"module": "add module: <Go module path>, e.g. module: example.com/shop"}
	for _, k := range []string{"version", "name", "module"} {
		if _, ok := keys[k]; !ok {
			p.errorf(pos(doc), "", hints[k], "missing required key %q", k)
		}
	}
	return m
}

// required reads a string that must not be empty when the key is written.
func (p *parser) required(path string, n *yaml.Node) (string, bool) {
	s, set := p.str(path, n)
	if set && s != "" {
		return s, true
	}
	if set || isNull(n) {
		p.errorf(pos(n), path, "", "must not be empty")
	}
	return "", false
}

// name validates the app name, which becomes a binary and directory name.
func (p *parser) name(path string, n *yaml.Node) (string, Pos) {
	s, ok := p.required(path, n)
	if !ok {
		return "", Pos{}
	}
	if !nameRE.MatchString(s) {
		hint := "use lowercase letters, digits and dashes, starting with a letter"
		if fix := slug(s, '-'); nameRE.MatchString(fix) {
			hint += fmt.Sprintf(", e.g. %q", fix)
		}
		p.errorf(pos(n), path, hint, "invalid name %q", s)
	}
	return s, pos(n)
}

// features keeps only known features so later stages can trust the list.
func (p *parser) features(m *Manifest, path string, n *yaml.Node) {
	names, ok := p.names(path, n, "feature")
	if !ok {
		return
	}
	m.FeaturesPos = pos(n)
	for _, f := range names {
		if !contains(features, f.Value) {
			p.errorf(f.Pos, path, didYouMean(f.Value, features, "allowed"), "unknown feature %q", f.Value)
			continue
		}
		m.Features = append(m.Features, f.Value)
		m.FeaturePos = append(m.FeaturePos, f.Pos)
	}
}

func (p *parser) resources(m *Manifest, path string, n *yaml.Node) {
	if isNull(n) {
		return
	}
	entries, _, ok := p.mapping(path, n, nil, "a mapping of resources")
	if !ok {
		return
	}
	m.ResourcesPos = pos(n)
	for _, e := range entries {
		m.Resources = append(m.Resources, p.resource(join(path, e.key), e))
	}
}

// checkModule applies the import-path rules that matter in practice; it
// returns "" when s is acceptable as a go.mod module path.
func checkModule(s string) string {
	if strings.HasPrefix(s, "/") || strings.HasSuffix(s, "/") {
		return "must not start or end with a slash"
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~+/", r)
		if !ok {
			return fmt.Sprintf("character %q is not allowed", r)
		}
	}
	for _, el := range strings.Split(s, "/") {
		if el == "" || el == "." || el == ".." {
			return fmt.Sprintf("invalid path element %q", el)
		}
	}
	return ""
}

// slug turns "MyShop" or "my shop" into "my-shop" (sep '-') or "my_shop"
// (sep '_'), to offer a corrected spelling in hints.
func slug(s string, sep rune) string {
	var b strings.Builder
	prevSep, prevLower := true, false
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			if prevLower {
				b.WriteRune(sep)
			}
			b.WriteRune(r + 'a' - 'A')
			prevSep, prevLower = false, false
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			prevSep, prevLower = false, true
		default:
			prevLower = false
			if !prevSep {
				b.WriteRune(sep)
				prevSep = true
			}
		}
	}
	return strings.TrimRight(b.String(), string(sep))
}
