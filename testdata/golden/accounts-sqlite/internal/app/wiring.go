package app

import (
	"context"
	"net/http"

	"example.com/notes/internal/deps"
)

// This file is yours: gobackend wrote it once and will never overwrite it.
// The generated code calls the three functions below at start, in this
// order, with the generated dependencies already built.

// wire builds your dependencies (deps.Custom in internal/deps/custom.go)
// from the configuration, after the generated ones. Register what must be
// closed with lc.OnClose (run in reverse order at shutdown, after the
// server has drained) and what /readyz must check with lc.OnReady. An error
// stops the start.
func wire(ctx context.Context, cfg Config, d deps.Deps, lc *Lifecycle) (deps.Custom, error) {
	// client, err := payments.New(cfg.Custom.PaymentsTimeout)
	// if err != nil {
	// 	return deps.Custom{}, fmt.Errorf("payments: %w", err)
	// }
	// lc.OnClose("payments", client.Close)
	// lc.OnReady("payments", client.Ping)
	return deps.Custom{}, nil
}

// middleware returns your middleware, outermost first. It runs after the
// request is authenticated and validated against the spec, before the
// idempotency record and the handler; it sees every request, your routes'
// too.
func middleware(d deps.Deps) []func(http.Handler) http.Handler {
	return nil
}

// routes registers your routes outside the spec (an incoming webhook that
// needs the raw body, a redirect). They run behind the whole chain above
// them: recover, request id, access log, security headers, CORS, body limit
// and rate limit; the spec's validation skips them.
func routes(mux *http.ServeMux, d deps.Deps) {
	// mux.HandleFunc("POST /webhooks/payments", handlePaymentsWebhook(d))
}
