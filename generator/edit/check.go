package edit

import (
	"fmt"
	"strings"

	"github.com/gobackend/gobackend/generator/manifest"
	"github.com/gobackend/gobackend/generator/naming"
)

// checkName refuses a resource that exists or whose generated names would
// collide with something the project already has.
func (p *plan) checkName(arg string) *Error {
	n := p.names
	bad := func(msg, hint string) *Error { return &Error{Kind: "resource", Arg: arg, Msg: msg, Hint: hint} }
	if r := p.m.Resource(n.Key); r != nil {
		return bad(fmt.Sprintf("resource %q already exists (%s:%d)", n.Key, p.in.ManifestFile, r.KeyPos.Line),
			"choose another name, or edit "+p.in.SpecFile+" and "+p.in.ManifestFile+" to change it")
	}
	if contains(reservedPackages, n.Package) {
		return bad(fmt.Sprintf("its Go package %q would clash with the project's internal/%s", n.Package, n.Package), "choose another name")
	}
	for _, r := range p.m.Resources {
		other, err := ResourceNames(r.Key)
		if err != nil {
			continue
		}
		if r.Schema != "" {
			other.Schema = r.Schema
		}
		for _, c := range [][3]string{{"schema", n.Schema, other.Schema}, {"Go type", n.GoPlural, other.GoPlural},
			{"Go package", n.Package, other.Package}, {"table row type", n.Store, other.Store}, {"path", n.Path, other.Path}} {
			if c[1] == c[2] {
				return bad(fmt.Sprintf("its %s %s is the same as resource %q's", c[0], c[1], r.Key), "choose another name")
			}
		}
	}
	_, schemasNode := lookup(p.spec.root, "components", "schemas")
	for _, s := range keys(schemasNode) {
		for _, mine := range []string{n.Schema, n.Schema + "Create", n.Schema + "Update", n.Schema + "Page"} {
			if naming.OapiField(s) == naming.OapiField(mine) {
				k, _ := lookup(schemasNode, s)
				return bad(fmt.Sprintf("schema %s already exists in %s:%d", s, p.in.SpecFile, k.Line),
					"choose another name; if you wrote the schemas yourself, add "+n.Key+" under resources in "+p.in.ManifestFile+" instead")
			}
		}
	}
	_, pathsNode := lookup(p.spec.root, "paths")
	for _, path := range keys(pathsNode) {
		if routeKey(path) == routeKey(n.Path) || routeKey(path) == routeKey(n.Path+"/{id}") {
			k, _ := lookup(pathsNode, path)
			return bad(fmt.Sprintf("path %s already exists in %s:%d", path, p.in.SpecFile, k.Line), "choose another name")
		}
	}
	ids := map[string]bool{}
	for _, id := range operationIDs(n) {
		ids[naming.OapiField(id)] = true
	}
	for _, path := range keys(pathsNode) {
		_, item := lookup(pathsNode, path)
		for _, method := range keys(item) {
			k, id := lookup(item, method, "operationId")
			if id != nil && ids[naming.OapiField(id.Value)] {
				return bad(fmt.Sprintf("operationId %s already exists in %s:%d", id.Value, p.in.SpecFile, k.Line), "choose another name")
			}
		}
	}
	return nil
}

// parseFields parses every FIELD and checks them against each other and
// against the project.
func (p *plan) parseFields(args []string) Errors {
	var errs Errors
	byName := map[string]string{}
	schemas := map[string]string{p.names.Schema + "Create": "", p.names.Schema + "Update": "", p.names.Schema + "Page": ""}
	keys := make([]string, len(p.m.Resources))
	for i, r := range p.m.Resources {
		keys[i] = r.Key
	}
	for _, arg := range args {
		f, err := ParseField(arg)
		if err != nil {
			errs = append(errs, err.(*Error))
			continue
		}
		bad := func(msg, hint string) { errs = append(errs, &Error{Kind: "field", Arg: arg, Msg: msg, Hint: hint}) }
		// Two names with one Go spelling (a_b and a__b) collide in the
		// generated structs as surely as two equal names.
		goName := naming.OapiField(f.Name) + "/" + naming.SqlcField(f.Name)
		if prev, dup := byName[goName]; dup {
			if prev == f.Name {
				bad(fmt.Sprintf("field %q is given twice", f.Name), "keep one")
			} else {
				bad(fmt.Sprintf("fields %q and %q would get the same Go name", prev, f.Name), "rename one of them")
			}
			continue
		}
		byName[goName] = f.Name
		if f.Type == "enum" {
			s := enumSchema(p.names, f)
			if _, dup := schemas[s]; dup {
				bad(fmt.Sprintf("its enum schema %s would clash with another schema of %s", s, p.names.Schema), "rename the field")
				continue
			}
			schemas[s] = f.Name
			if _, node := lookup(p.spec.root, "components", "schemas", s); node != nil {
				bad(fmt.Sprintf("its enum schema %s already exists in %s", s, p.in.SpecFile), "rename the field")
				continue
			}
		}
		if f.Type == "ref" {
			target := Key(f.Ref)
			switch {
			case target == p.names.Key && !f.Optional:
				bad("a reference to the resource itself must be optional (the first row has nothing to point to)",
					"add :optional, e.g. "+f.Name+":ref="+f.Ref+":optional")
				continue
			case target != p.names.Key && p.m.Resource(target) == nil:
				hint := "add that resource first"
				if len(keys) > 0 {
					hint = "known resources: " + strings.Join(keys, ", ")
				}
				if s := manifest.Suggest(target, keys); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				bad(fmt.Sprintf("unknown resource %q", f.Ref), hint)
				continue
			}
			f.Ref = target
		}
		if f.Search && !p.m.HasFeature(manifest.FeatureSearch) {
			bad("search needs feature search", "add search to features in "+p.in.ManifestFile+", or drop :search")
			continue
		}
		p.fields = append(p.fields, f)
	}
	// The list queries name their keyset parameters after_id and
	// after_<sort field>: a filter with such a name would take the same one.
	paging := map[string]bool{"after_id": true, "after_created_at": true}
	for _, f := range p.fields {
		if f.Sort {
			paging["after_"+f.Name] = true
		}
	}
	for _, f := range p.fields {
		if (f.Filter || f.Type == "ref") && paging[f.Name] {
			errs = append(errs, &Error{Kind: "field", Arg: f.Arg, Hint: "rename the field",
				Msg: fmt.Sprintf("a filter named %q would clash with the list query's paging parameter", f.Name)})
		}
	}
	return errs
}
