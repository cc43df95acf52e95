package engine_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/gobackend/gobackend/generator/engine"
)

// A cache never changes the output: every golden project rendered with
// sqlc's cache cold, then warm, is the project rendered without one (and
// the goldens themselves prove that the parallel sqlc children write what
// one child did).
func TestCachedRenderEqualsUncached(t *testing.T) {
	cacheDir := t.TempDir()
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			plain, err := (&engine.Engine{ToolVersion: "v0.0.0-test"}).New(context.Background(), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			cached := &engine.Engine{ToolVersion: "v0.0.0-test"}
			cached.SQLC.CacheDir = cacheDir
			for _, round := range []string{"cold", "warm"} {
				out, err := cached.New(context.Background(), tc.opts)
				if err != nil {
					t.Fatal(err)
				}
				if len(out) != len(plain) {
					t.Fatalf("%s cache: %d files, want %d", round, len(out), len(plain))
				}
				for i := range out {
					if out[i].Path != plain[i].Path || !bytes.Equal(out[i].Data, plain[i].Data) || out[i].Class != plain[i].Class {
						t.Errorf("%s cache: %s differs from the uncached render", round, out[i].Path)
					}
				}
			}
		})
	}
}
