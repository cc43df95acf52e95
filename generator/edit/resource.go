// Package edit changes the two user-owned inputs of a project, the OpenAPI
// spec and gobackend.yaml, for `gobackend add`. The files are the user's:
// edits insert text at the right places and keep every existing byte
// (comments, order, quoting, blank lines) as it was.
package edit

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gobackend/gobackend/generator/manifest"
)

// Inputs are the two files as read from the project.
type Inputs struct {
	ManifestFile string // e.g. "gobackend.yaml", for messages
	Manifest     []byte
	SpecFile     string // e.g. "api/openapi.yaml"
	Spec         []byte
}

// Request is what `add resource` was asked for.
type Request struct {
	Name   string   // NAME as typed: Person, people, order_item, OrderItems...
	Fields []string // FIELD arguments: name:type[:modifier]...
	Owned  bool
	// AllowNoFields lets Check accept a request before its fields are known
	// (the prompt asks for them one by one).
	AllowNoFields bool
}

// Result is the edited inputs and what was added, for the command's report.
type Result struct {
	Names    Names
	Fields   []Field
	Manifest []byte
	Spec     []byte
	Schemas  []string // component schemas added for the resource
	Shared   []string // shared components added because the spec lacked them
}

// plan is a request that passed every check.
type plan struct {
	in      Inputs
	m       *manifest.Manifest
	spec    *doc
	names   Names
	fields  []Field
	owned   bool
	filters []string
	sorts   []string
}

// Check validates a request without editing anything.
func Check(in Inputs, req Request) error {
	_, err := prepare(in, req)
	return err
}

// AddResource returns the inputs with the resource added: the schemas, tag
// and five CRUD operations in the spec (plus the shared parameters,
// response and Problem schema it lacks), and the entry under resources in
// the manifest.
func AddResource(in Inputs, req Request) (*Result, error) {
	p, err := prepare(in, req)
	if err != nil {
		return nil, err
	}
	res := &Result{Names: p.names, Fields: p.fields}
	if res.Spec, err = p.editSpec(res); err != nil {
		return nil, err
	}
	if res.Manifest, err = p.editManifest(); err != nil {
		return nil, err
	}
	return res, nil
}

func prepare(in Inputs, req Request) (*plan, error) {
	m, err := manifest.Parse(in.ManifestFile, in.Manifest)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(strings.TrimSpace(string(in.Spec)), "{") {
		return nil, fmt.Errorf("%s is JSON: add resource edits YAML specs only (convert it to YAML, or add the resource by hand)", in.SpecFile)
	}
	d, err := parseDoc(in.SpecFile, in.Spec)
	if err != nil {
		return nil, err
	}
	names, err := ResourceNames(req.Name)
	if err != nil {
		return nil, err
	}
	p := &plan{in: in, m: m, spec: d, names: names, owned: req.Owned}
	var errs Errors
	if e := p.checkName(req.Name); e != nil {
		errs = append(errs, e)
	}
	if req.Owned && !m.HasFeature(manifest.FeatureAuth) {
		errs = append(errs, &Error{Kind: "--owned", Msg: "owned resources need feature auth",
			Hint: "add auth to features in " + in.ManifestFile + ", or drop --owned"})
	}
	errs = append(errs, p.parseFields(req.Fields)...)
	if len(req.Fields) == 0 && !req.AllowNoFields {
		errs = append(errs, &Error{Kind: "resource", Arg: req.Name, Msg: "no fields given",
			Hint: fmt.Sprintf("list them as name:type[:modifier]..., e.g. gobackend add resource %s name:string", req.Name)})
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	p.sorts = []string{"created_at"}
	for _, f := range p.fields {
		if f.Filter || f.Type == "ref" {
			p.filters = append(p.filters, f.Name)
		}
		if f.Sort {
			p.sorts = append(p.sorts, f.Name)
		}
	}
	return p, nil
}

func (p *plan) editSpec(res *Result) ([]byte, error) {
	d, n, root := p.spec, p.names, p.spec.root
	// The tag, before paths when the spec has no tags yet.
	if tk, tags := lookup(root, "tags"); tags == nil {
		if err := d.addEntries(nil, root, mapping("tags", seq(tagEntry(n))), "paths", "components"); err != nil {
			return nil, err
		}
	} else if !hasTag(tags, n.Key) {
		if err := d.addItems(tk, tags, seq(tagEntry(n))); err != nil {
			return nil, err
		}
	}
	newPaths := paths(n, p.fields, p.filters, p.sorts, p.owned)
	if pk, pv := lookup(root, "paths"); pv == nil {
		if err := d.addEntries(nil, root, mapping("paths", newPaths), "components"); err != nil {
			return nil, err
		}
	} else if err := d.addEntries(pk, pv, newPaths); err != nil {
		return nil, err
	}
	// Shared components: only what the spec lacks, so a user's own
	// definitions of Limit or Problem are reused as they are.
	sections := mapping()
	ck, comps := lookup(root, "components")
	missing := func(section string, items [][2]any) *yaml.Node {
		out := mapping()
		for _, it := range items {
			name := it[0].(string)
			if _, have := lookup(comps, section, name); have == nil {
				add(out, name, it[1].(*yaml.Node))
				res.Shared = append(res.Shared, section+"/"+name)
			}
		}
		return out
	}
	params := missing("parameters", sharedParameters())
	responses := missing("responses", append([][2]any{{"Problem", problemResponseComponent()}}, errorResponseComponents(p.owned)...))
	var schemas *yaml.Node
	if _, have := lookup(comps, "schemas", "Problem"); have == nil {
		schemas = missing("schemas", problemSchemas())
	} else {
		schemas = mapping()
	}
	mine := resourceSchemas(n, p.fields)
	for i := 0; i < len(mine.Content); i += 2 {
		res.Schemas = append(res.Schemas, mine.Content[i].Value)
	}
	schemas.Content = append(schemas.Content, mine.Content...)
	order := []string{"parameters", "responses", "schemas"}
	for i, sec := range []*yaml.Node{params, responses, schemas} {
		if len(sec.Content) == 0 {
			continue
		}
		sk, sv := lookup(comps, order[i])
		if comps == nil || sv == nil {
			add(sections, order[i], sec)
			continue
		}
		if err := d.addEntries(sk, sv, sec); err != nil {
			return nil, err
		}
	}
	if len(sections.Content) > 0 {
		var err error
		if comps == nil {
			err = d.addEntries(nil, root, mapping("components", sections))
		} else {
			// A new section goes before the first later one, in the
			// blueprint's order: parameters, responses, schemas.
			for i := 0; i < len(sections.Content) && err == nil; i += 2 {
				name := sections.Content[i].Value
				rest := order[indexOf(order, name)+1:]
				err = d.addEntries(ck, comps, mapping(name, sections.Content[i+1]), rest...)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return d.result(), nil
}

func (p *plan) editManifest() ([]byte, error) {
	d, err := parseDoc(p.in.ManifestFile, p.in.Manifest)
	if err != nil {
		return nil, err
	}
	entry := mapping()
	if p.owned {
		add(entry, "owned", plain("true"))
	}
	refs := flow(mapping())
	var indexes, unique, search []*yaml.Node
	for _, f := range p.fields {
		if f.Type == "ref" {
			add(refs, f.Name, str(f.Ref))
		}
		if f.Index {
			indexes = append(indexes, flowSeq(f.Name))
		}
		if f.Unique {
			unique = append(unique, flowSeq(f.Name))
		}
		if f.Search {
			search = append(search, str(f.Name))
		}
	}
	if len(refs.Content) > 0 {
		add(entry, "references", refs)
	}
	if len(indexes) > 0 {
		add(entry, "indexes", flow(seq(indexes...)))
	}
	if len(unique) > 0 {
		add(entry, "unique", flow(seq(unique...)))
	}
	if len(p.filters) > 0 {
		add(entry, "filter", flowSeq(p.filters...))
	}
	add(entry, "sort", flowSeq(p.sorts...))
	if len(search) > 0 {
		add(entry, "search", flow(seq(search...)))
	}
	rk, rv := lookup(d.root, "resources")
	if rv == nil {
		err = d.addEntries(nil, d.root, mapping("resources", mapping(p.names.Key, entry)))
	} else {
		err = d.addEntries(rk, rv, mapping(p.names.Key, entry))
	}
	if err != nil {
		return nil, err
	}
	return d.result(), nil
}

func hasTag(tags *yaml.Node, name string) bool {
	if tags.Kind != yaml.SequenceNode {
		return false
	}
	for _, t := range tags.Content {
		if _, v := lookup(t, "name"); v != nil && v.Value == name {
			return true
		}
	}
	return false
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
