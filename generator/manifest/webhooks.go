package manifest

import "gopkg.in/yaml.v3"

// Who owns the webhook endpoints (feature webhooks), the value of
// `webhooks: {endpoints: ...}`.
const (
	// WebhookEndpointsOwner: each account registers its own endpoints and
	// receives the events of its own rows (the default).
	WebhookEndpointsOwner = "owner"
	// WebhookEndpointsAdmin: only admins call the endpoints API, and the
	// endpoints are the system's: they receive the events of every row.
	WebhookEndpointsAdmin = "admin"
)

var (
	webhooksKeys     = []string{"endpoints"}
	webhookEndpoints = []string{WebhookEndpointsOwner, WebhookEndpointsAdmin}
)

// webhooks reads `webhooks: {endpoints: owner|admin}`.
func (p *parser) webhooks(m *Manifest, path string, n *yaml.Node) {
	if isNull(n) {
		return
	}
	fields, _, ok := p.mapping(path, n, webhooksKeys, "a mapping of webhook settings")
	if !ok {
		return
	}
	for _, f := range fields {
		if f.key != "endpoints" {
			continue
		}
		sp := join(path, f.key)
		if s, set := p.str(sp, f.val); set {
			if !contains(webhookEndpoints, s) {
				p.errorf(pos(f.val), sp, didYouMean(s, webhookEndpoints, "allowed"), "unknown endpoint ownership %q", s)
				continue
			}
			m.WebhookEndpoints, m.WebhookEndpointsPos = s, pos(f.val)
		}
	}
}
