package deps

// Custom holds the dependencies of your own: API clients, a payment
// provider, a feature flag service. This file is yours: gobackend wrote it
// once and will never overwrite it. Build them in wire
// (internal/app/wiring.go); reach them from hooks as d.Custom.X and from
// methods on *api.Server as s.deps.Custom.X.
type Custom struct {
	// Payments *payments.Client
}
