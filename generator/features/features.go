// Package features holds what the optional feature modules contribute to a
// project beyond their own template folder (templates/<name>): a spec
// fragment merged into the user's OpenAPI document when it is loaded (so
// the served and embedded spec show the feature's endpoints like any
// other), and a descriptor (<name>/feature.yaml, see Module) of what the
// feature plugs into the project's shared files: its configuration field,
// its dependencies, its go.mod requirements, its settings in .env.example
// and its services in compose.yaml. Enabling a feature in gobackend.yaml is
// all it takes; the base templates never name a feature.
package features

import (
	"fmt"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// Merge adds the fragments of the enabled features to doc. It reports
// whether anything was added; a path or component that the user's spec
// already defines is an error naming it, never silently replaced. roles
// restricts every operation of a feature to callers holding one of the
// roles (x-roles, with a 403 answer), as a manifest setting asks (e.g.
// webhook endpoints for admins only).
func Merge(doc *openapi3.T, enabled []string, roles map[string][]string) (bool, error) {
	merged := false
	names := append([]string(nil), enabled...)
	sort.Strings(names)
	for _, name := range names {
		data, ok := fragments[name]
		if !ok {
			continue
		}
		frag, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			return false, fmt.Errorf("feature %s: spec fragment: %w", name, err)
		}
		if rs := roles[name]; len(rs) > 0 {
			restrict(frag, rs)
		}
		if err := mergeInto(doc, frag, name); err != nil {
			return false, err
		}
		merged = true
	}
	return merged, nil
}

func mergeInto(doc, frag *openapi3.T, feature string) error {
	if doc.Paths == nil {
		doc.Paths = openapi3.NewPaths()
	}
	for _, p := range frag.Paths.InMatchingOrder() {
		if doc.Paths.Value(p) != nil {
			return fmt.Errorf("feature %s adds the path %s, which the spec already has: remove it from the spec", feature, p)
		}
		doc.Paths.Set(p, frag.Paths.Value(p))
	}
	if doc.Components == nil {
		doc.Components = &openapi3.Components{}
	}
	c, fc := doc.Components, frag.Components
	if c.Schemas == nil {
		c.Schemas = openapi3.Schemas{}
	}
	for k, v := range fc.Schemas {
		if _, dup := c.Schemas[k]; dup {
			return fmt.Errorf("feature %s adds the schema %s, which the spec already has: rename yours", feature, k)
		}
		c.Schemas[k] = v
	}
	if c.Responses == nil {
		c.Responses = openapi3.ResponseBodies{}
	}
	for k, v := range fc.Responses {
		if _, dup := c.Responses[k]; dup {
			return fmt.Errorf("feature %s adds the response %s, which the spec already has: rename yours", feature, k)
		}
		c.Responses[k] = v
	}
	if c.SecuritySchemes == nil {
		c.SecuritySchemes = openapi3.SecuritySchemes{}
	}
	for k, v := range fc.SecuritySchemes {
		if _, dup := c.SecuritySchemes[k]; !dup {
			c.SecuritySchemes[k] = v // the user's own definition of bearerAuth wins
		}
	}
	for _, t := range frag.Tags {
		if doc.Tags.Get(t.Name) == nil {
			doc.Tags = append(doc.Tags, t)
		}
	}
	return nil
}

// restrict sets x-roles on every operation of frag and documents the 403
// a caller without the role gets, shaped as the operation's default
// answer (a problem).
func restrict(frag *openapi3.T, roles []string) {
	xroles := make([]any, len(roles))
	for i, r := range roles {
		xroles[i] = r
	}
	for _, p := range frag.Paths.InMatchingOrder() {
		for _, op := range frag.Paths.Value(p).Operations() {
			if op.Extensions == nil {
				op.Extensions = map[string]any{}
			}
			op.Extensions["x-roles"] = xroles
			if op.Responses.Status(403) == nil {
				if def := op.Responses.Default(); def != nil {
					forbidden := *def
					if forbidden.Value != nil && forbidden.Ref == "" {
						v := *forbidden.Value
						forbidden.Value = &v
					}
					op.Responses.Set("403", &forbidden)
				}
			}
		}
	}
}

// Owns reports whether an enabled feature adds (and implements) the path.
func Owns(enabled []string, path string) bool {
	for _, name := range enabled {
		if paths[name][path] {
			return true
		}
	}
	return false
}

// paths holds the paths of each feature's fragment, read once at start
// (the fragments are embedded, so they cannot fail to load).
var paths = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for name, data := range fragments {
		m := map[string]bool{}
		if frag, err := openapi3.NewLoader().LoadFromData(data); err == nil {
			for _, p := range frag.Paths.InMatchingOrder() {
				m[p] = true
			}
		}
		out[name] = m
	}
	return out
}()
