package model

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gobackend/gobackend/generator/manifest"
)

// HTTPCache is the Cache-Control a resource's GETs (list and by id) answer
// with instead of the default "private, no-cache".
type HTTPCache struct {
	MaxAge time.Duration // whole seconds; 0: revalidate on every use
	Public bool          // shared caches (CDNs, proxies) may keep it too
}

func httpCache(hc *manifest.HTTPCache) *HTTPCache {
	if hc == nil {
		return nil
	}
	return &HTTPCache{MaxAge: hc.MaxAge, Public: hc.Public}
}

// CacheControl is the Cache-Control of the resource's successful GETs, ""
// when it is the default of every GET (httpx.CacheControl's).
func (r *Resource) CacheControl() string {
	hc := r.HTTPCache
	if hc == nil || (hc.MaxAge == 0 && !hc.Public) {
		return ""
	}
	v := "private"
	if hc.Public {
		v = "public"
	}
	if hc.MaxAge == 0 {
		return v + ", no-cache"
	}
	return v + ", max-age=" + strconv.Itoa(int(hc.MaxAge/time.Second))
}

// CacheRule is the Cache-Control of one operation, by the name the strict
// server's middleware receives (the Go method name).
type CacheRule struct {
	Op           *Operation
	CacheControl string
}

// CacheRules lists the GET operations whose resource sets http_cache, in
// resource order; whoever implements them, the manifest says how they may
// be kept.
func (p *Project) CacheRules() []CacheRule {
	var out []CacheRule
	for _, r := range p.Resources {
		cc := r.CacheControl()
		if cc == "" {
			continue
		}
		for _, o := range []*Operation{r.Ops.List, r.Ops.Get} {
			if o != nil {
				out = append(out, CacheRule{Op: o, CacheControl: cc})
			}
		}
	}
	return out
}

// publicCache refuses http_cache public on a resource whose GETs need a
// token: their responses depend on the caller, and a shared cache would
// hand one caller's rows to the next.
func (r *resolver) publicCache(res *Resource, mr *manifest.Resource) {
	if res.HTTPCache == nil || !res.HTTPCache.Public || res.Owned { // owned: the manifest says why
		return
	}
	for _, o := range []*Operation{res.Ops.List, res.Ops.Get} {
		if o != nil && o.Secured {
			r.manifestErr(mr.HTTPCache.PublicPos, "resources."+mr.Key+".http_cache.public",
				fmt.Sprintf("operation %s (%s %s) needs a token, so its responses depend on the caller and a shared cache must not keep them", o.Name(), o.Method, o.Path),
				"remove public: true to keep it private, or the security requirement of the operation")
		}
	}
}
