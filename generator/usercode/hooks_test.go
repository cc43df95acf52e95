package usercode

import (
	"testing"
	"testing/fstest"
)

func TestLegacyHooks(t *testing.T) {
	fsys := fstest.MapFS{
		"internal/orders/hooks.go":         {Data: []byte("package orders\nfunc newHooks() Hooks { return Hooks{} }\n")},
		"internal/customers/hooks.go":      {Data: []byte("package customers\nfunc newHooks(d deps.Deps) Hooks { return Hooks{} }\n")},
		"internal/moved/rules.go":          {Data: []byte("package moved\nfunc newHooks() Hooks { return Hooks{} }\n")},
		"internal/generated/x.gen.go":      {Data: []byte("package generated\nfunc newHooks() Hooks { return Hooks{} }\n")},
		"internal/method/hooks.go":         {Data: []byte("package method\nfunc (T) newHooks() Hooks { return Hooks{} }\n")},
		"internal/broken/hooks.go":         {Data: []byte("package broken\nfunc newHooks( {\n")},
		"internal/tested/hooks_test.go":    {Data: []byte("package tested\nfunc newHooks() Hooks { return Hooks{} }\n")},
		"internal/notes/service.gen.go":    {Data: []byte("package notes\n")},
		"internal/notes/hooks_and_more.go": {Data: []byte("package notes\nfunc newHooks(d deps.Deps) Hooks { return Hooks{} }\n")},
	}
	got, err := LegacyHooks(fsys, "internal")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"orders": true, "moved": true}
	if len(got) != len(want) {
		t.Errorf("LegacyHooks = %v, want %v", got, want)
	}
	for k := range want {
		if !got[k] {
			t.Errorf("LegacyHooks = %v, want %s in it", got, k)
		}
	}
	if got, err := LegacyHooks(fstest.MapFS{}, "internal"); err != nil || len(got) != 0 {
		t.Errorf("no internal dir: %v, %v", got, err)
	}
}
