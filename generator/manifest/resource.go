package manifest

import (
	"fmt"
	"regexp"
	"time"

	"gopkg.in/yaml.v3"
)

var (
	resourceKeys = []string{"schema", "table", "id", "owned", "timestamps", "soft_delete",
		"references", "indexes", "unique", "filter", "sort", "search", "cache", "http_cache", "events"}
	httpCacheKeys = []string{"max_age", "public"}

	resourceKeyRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	tableRE       = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// resource parses one entry of `resources`. An empty body (`orders:`) is
// valid and means "all defaults".
func (p *parser) resource(path string, e entry) *Resource {
	r := &Resource{Key: e.key, KeyPos: e.pos, Table: e.key, ID: IDUUID, Timestamps: true, Keys: map[string]Pos{}}
	if !resourceKeyRE.MatchString(e.key) {
		hint := "use lower snake_case"
		if fix := slug(e.key, '_'); resourceKeyRE.MatchString(fix) {
			hint += fmt.Sprintf(", e.g. %q", fix)
		}
		p.errorf(e.pos, "resources", hint, "invalid resource key %q", e.key)
	}
	if isNull(e.val) {
		return r
	}
	entries, keys, ok := p.mapping(path, e.val, resourceKeys, "a mapping of resource settings")
	if !ok {
		return r
	}
	r.Keys = keys
	for _, f := range entries {
		n, fpath := f.val, join(path, f.key)
		switch f.key {
		case "schema":
			if s, set := p.str(fpath, n); set {
				r.Schema, r.SchemaPos = s, pos(n)
			}
		case "table":
			if s, ok := p.required(fpath, n); ok {
				r.Table, r.TablePos = s, pos(n)
				if !tableRE.MatchString(s) {
					p.errorf(pos(n), fpath, "use letters, digits and underscores", "invalid table name %q", s)
				}
			}
		case "id":
			if s, set := p.str(fpath, n); set {
				r.ID, r.IDPos = s, pos(n)
				if !contains(idTypes, s) {
					p.errorf(pos(n), fpath, didYouMean(s, idTypes, "allowed"), "unknown id type %q", s)
				}
			}
		case "owned":
			p.flag(fpath, n, &r.Owned, &r.OwnedPos)
		case "timestamps":
			p.flag(fpath, n, &r.Timestamps, &r.TimestampsPos)
		case "soft_delete":
			p.flag(fpath, n, &r.SoftDelete, &r.SoftDeletePos)
		case "events":
			p.flag(fpath, n, &r.Events, &r.EventsPos)
		case "references":
			r.References, r.ReferencesPos = p.references(fpath, n)
		case "indexes":
			r.Indexes, r.IndexesPos = p.nameLists(fpath, n, "index"), pos(n)
		case "unique":
			r.Unique, r.UniquePos = p.nameLists(fpath, n, "unique constraint"), pos(n)
		case "filter":
			r.Filter, _ = p.names(fpath, n, "field")
			r.FilterPos = pos(n)
		case "sort":
			r.Sort, _ = p.names(fpath, n, "field")
			r.SortPos = pos(n)
		case "search":
			r.Search, _ = p.names(fpath, n, "field")
			r.SearchPos = pos(n)
		case "cache":
			r.Cache, r.CachePos = p.cache(fpath, n)
		case "http_cache":
			r.HTTPCache = p.httpCache(fpath, n)
		}
	}
	return r
}

// flag sets *b and *at when n is a boolean; null keeps the default.
func (p *parser) flag(path string, n *yaml.Node, b *bool, at *Pos) {
	if v, set := p.boolean(path, n); set {
		*b, *at = v, pos(n)
	}
}

// references reads `field: resource` pairs; targets are checked against the
// resource keys in crossCheck, once all resources are known.
func (p *parser) references(path string, n *yaml.Node) ([]Reference, Pos) {
	if isNull(n) {
		return nil, Pos{}
	}
	entries, _, ok := p.mapping(path, n, nil, "a mapping of field: resource")
	if !ok {
		return nil, Pos{}
	}
	var refs []Reference
	for _, e := range entries {
		v := e.val
		if v.Kind != yaml.ScalarNode || isNull(v) || v.Value == "" {
			p.expected(v, join(path, e.key), "a resource key", "")
			continue
		}
		refs = append(refs, Reference{
			Field:  Name{Value: e.key, Pos: e.pos},
			Target: Name{Value: v.Value, Pos: pos(v)},
		})
	}
	return refs, pos(n)
}

// cache reads a positive Go duration such as "60s" or "5m".
func (p *parser) cache(path string, n *yaml.Node) (time.Duration, Pos) {
	s, set := p.str(path, n)
	if !set {
		return 0, Pos{}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		hint := `use a Go duration such as "60s" or "5m"`
		if _, err := time.ParseDuration(s + "s"); err == nil {
			hint = fmt.Sprintf("add a unit, e.g. %q", s+"s")
		}
		p.errorf(pos(n), path, hint, "invalid duration %q", s)
		return 0, Pos{}
	}
	if d <= 0 {
		p.errorf(pos(n), path, "", "duration must be positive, got %q", s)
		return 0, Pos{}
	}
	return d, pos(n)
}

// httpCache reads `{max_age: 60s, public: true}`; both keys are optional.
// max_age is sent in whole seconds, so it is rounded to them.
func (p *parser) httpCache(path string, n *yaml.Node) *HTTPCache {
	if isNull(n) {
		return nil
	}
	entries, _, ok := p.mapping(path, n, httpCacheKeys, "a mapping such as {max_age: 60s, public: true}")
	if !ok {
		return nil
	}
	hc := &HTTPCache{Pos: pos(n)}
	for _, e := range entries {
		v, epath := e.val, join(path, e.key)
		switch e.key {
		case "max_age":
			if d, err := time.ParseDuration(v.Value); v.Kind == yaml.ScalarNode && err == nil && d == 0 {
				p.errorf(pos(v), epath, "leave max_age out to revalidate on every use", "max_age must be at least 1s, got %q", v.Value)
				continue
			}
			d, at := p.cache(epath, v)
			if d > 0 && d.Round(time.Second) < time.Second {
				p.errorf(at, epath, `Cache-Control counts whole seconds: use at least "1s"`, "max_age %s is under a second", d)
				continue
			}
			hc.MaxAge, hc.MaxAgePos = d.Round(time.Second), at
		case "public":
			p.flag(epath, v, &hc.Public, &hc.PublicPos)
		}
	}
	return hc
}
