package model_test

import (
	"strings"
	"testing"
)

func TestHTTPCache(t *testing.T) {
	p, err := resolve(t, head+`  customers:
    http_cache: {max_age: 90s, public: true}
  orders:
    http_cache: {max_age: 1m}
`, blueprintSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	customers, orders := p.Resources[0], p.Resources[1]
	if got := customers.CacheControl(); got != "public, max-age=90" {
		t.Errorf("customers Cache-Control = %q, want public, max-age=90", got)
	}
	if got := orders.CacheControl(); got != "private, max-age=60" {
		t.Errorf("orders Cache-Control = %q, want private, max-age=60", got)
	}
	var rules []string
	for _, r := range p.CacheRules() {
		rules = append(rules, r.Op.GoName+"="+r.CacheControl)
	}
	want := "ListCustomers=public, max-age=90 GetCustomer=public, max-age=90 ListOrders=private, max-age=60 GetOrder=private, max-age=60"
	if got := strings.Join(rules, " "); got != want {
		t.Errorf("CacheRules = %s\nwant %s", got, want)
	}

	// The default, spelled out or not, needs no rule.
	p, err = resolve(t, head+"  customers:\n    http_cache: {public: false}\n  orders: {}\n", blueprintSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	if rules := p.CacheRules(); len(rules) != 0 || p.Resources[0].CacheControl() != "" {
		t.Errorf("default http_cache: rules %v, Cache-Control %q; want none", rules, p.Resources[0].CacheControl())
	}
}

// A GET that needs a token answers each caller differently: no shared
// cache may keep it.
func TestHTTPCachePublicNeedsAnonymousGETs(t *testing.T) {
	secured := strings.Replace(string(blueprintSpec(t)), "operationId: listCustomers\n      security: []",
		"operationId: listCustomers\n      security: [{bearerAuth: []}]", 1)
	_, err := resolve(t, head+"  customers:\n    http_cache: {max_age: 60s, public: true}\n", []byte(secured))
	want := "gobackend.yaml:6:40: resources.customers.http_cache.public: operation listCustomers (GET /customers) needs a token, so its responses depend on the caller and a shared cache must not keep them (remove public: true to keep it private, or the security requirement of the operation)"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v\nwant it to contain %s", err, want)
	}
	if _, err := resolve(t, head+"  customers:\n    http_cache: {max_age: 60s}\n", []byte(secured)); err != nil {
		t.Errorf("private http_cache on secured GETs: %v, want no error", err)
	}
}
