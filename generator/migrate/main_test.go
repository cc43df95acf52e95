package migrate

import (
	"os"
	"testing"

	"github.com/gobackend/gobackend/generator/codegen"
)

// TestMain lets the test binary serve as its own sqlc child.
func TestMain(m *testing.M) {
	codegen.MaybeRunChild()
	os.Exit(m.Run())
}
