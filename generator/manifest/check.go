package manifest

import "fmt"

// crossCheck validates rules that involve more than one value: reference
// targets, features required by resource settings, and table names shared
// by two resources. It runs after the whole file is read so that a
// reference to a resource declared further down is fine.
func (p *parser) crossCheck(m *Manifest) {
	keys := make([]string, len(m.Resources))
	for i, r := range m.Resources {
		keys[i] = r.Key
	}
	if len(m.Schedules) > 0 && !m.HasFeature(FeatureJobs) {
		p.errorf(m.Keys["schedules"], "schedules", "add jobs to features", "schedules require feature %q", FeatureJobs)
	}
	if at, ok := m.Keys["webhooks"]; ok && !m.HasFeature(FeatureWebhooks) {
		p.errorf(at, "webhooks", "add webhooks to features", "webhooks settings require feature %q", FeatureWebhooks)
	}
	tables := map[string]*Resource{}
	for _, r := range m.Resources {
		path := join("resources", r.Key)
		for _, ref := range r.References {
			if m.Resource(ref.Target.Value) == nil {
				p.errorf(ref.Target.Pos, join(join(path, "references"), ref.Field.Value),
					didYouMean(ref.Target.Value, keys, "known resources"), "unknown resource %q", ref.Target.Value)
			}
		}
		if r.Owned && !m.HasFeature(FeatureAuth) {
			p.errorf(r.Keys["owned"], join(path, "owned"), "add auth to features",
				"owned resources require feature %q", FeatureAuth)
		}
		if hc := r.HTTPCache; hc != nil && hc.Public && r.Owned {
			p.errorf(hc.PublicPos, join(path, "http_cache.public"), "remove public: true, or owned: true",
				"an owned resource cannot be public: its rows belong to the caller, and a shared cache would hand them to others")
		}
		if r.Events && !m.HasFeature(FeatureWebhooks) {
			p.errorf(r.Keys["events"], join(path, "events"), "add webhooks to features",
				"events require feature %q", FeatureWebhooks)
		}
		if r.Cache > 0 && !m.HasFeature(FeatureCache) {
			p.errorf(r.Keys["cache"], join(path, "cache"), "add cache to features",
				"cache requires feature %q", FeatureCache)
		}
		if len(r.Search) > 0 && !m.HasFeature(FeatureSearch) {
			p.errorf(r.Keys["search"], join(path, "search"), "add search to features",
				"search requires feature %q", FeatureSearch)
		}
		if other, dup := tables[r.Table]; dup {
			at := r.TablePos
			if !at.IsValid() {
				at = r.KeyPos
			}
			p.errorf(at, path, fmt.Sprintf("also used by resources.%s", other.Key), "duplicate table %q", r.Table)
		} else {
			tables[r.Table] = r
		}
	}
}
