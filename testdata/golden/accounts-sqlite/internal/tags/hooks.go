package tags

import (
	"context"

	"example.com/notes/internal/db/store"
	"example.com/notes/internal/deps"
)

// newHooks returns the business rules of tags. This file is yours:
// gobackend wrote it once and will never overwrite it. Each hook runs inside
// the write's transaction; return an *errs.Error (for example
// errs.E(errs.Invalid, "...")) to refuse the write with that status.
//
// d holds every dependency: d.DB, d.Logger, d.Auth and yours in
// d.Custom (internal/deps/custom.go). q runs queries in the write's
// transaction, yours from internal/db/queries/*.sql too.
func newHooks(d deps.Deps) Hooks {
	return Hooks{
		BeforeCreate: func(ctx context.Context, q *store.Queries, in *store.CreateTagParams) error {
			return nil
		},
	}
}
