package tags

import (
	"context"

	"example.com/notes/internal/db/store"
)

// newHooks returns the business rules of tags. This file is yours:
// gobackend wrote it once and will never overwrite it. Each hook runs inside
// the write's transaction; return an *errs.Error (for example
// errs.E(errs.Invalid, "...")) to refuse the write with that status.
func newHooks() Hooks {
	return Hooks{
		BeforeCreate: func(ctx context.Context, q *store.Queries, in *store.CreateTagParams) error {
			return nil
		},
	}
}
