package usercode

import (
	"reflect"
	"testing"
	"testing/fstest"
)

func TestMethods(t *testing.T) {
	fsys := fstest.MapFS{
		"internal/api/stats.go": {Data: []byte(`package api

import "context"

func (h *Server) GetStats(ctx context.Context, req GetStatsRequestObject) (GetStatsResponseObject, error) {
	return nil, nil
}

// A value receiver and parentheses count too; other types and functions do not.
func (Server) Ping() {}
func (h *(Server)) Pong() {}
func (o *Other) CancelOrder() {}
func helper() {}
`)},
		"internal/api/orders.go":           {Data: []byte("package api\n\nfunc (s *Server) CancelOrder() {}\n")},
		"internal/api/handler.gen.go":      {Data: []byte("package api\n\nfunc (h *Server) Generated() {}\n")},
		"internal/api/stats_test.go":       {Data: []byte("package api\n\nfunc (h *Server) InTest() {}\n")},
		"internal/api/notes.txt":           {Data: []byte("func (h *Server) NotGo() {}\n")},
		"internal/api/sub/deeper.go":       {Data: []byte("package sub\n\nfunc (h *Server) Nested() {}\n")},
		"internal/other/elsewhere.go":      {Data: []byte("package other\n\nfunc (h *Server) Elsewhere() {}\n")},
		"internal/api/broken.gen.go":       {Data: []byte("this is not Go")},
		"internal/api/also_broken_test.go": {Data: []byte("this is not Go either")},
	}
	got, err := Methods(fsys, Dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"GetStats": true, "Ping": true, "Pong": true, "CancelOrder": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Methods = %v, want %v", got, want)
	}
}

func TestMethodsNoDir(t *testing.T) {
	got, err := Methods(fstest.MapFS{}, Dir)
	if err != nil || len(got) != 0 {
		t.Fatalf("Methods of a project without %s = %v, %v; want none", Dir, got, err)
	}
}

func TestMethodsParseError(t *testing.T) {
	fsys := fstest.MapFS{
		"internal/api/a.go":     {Data: []byte("package api\n")},
		"internal/api/stats.go": {Data: []byte("package api\n\nfunc (h *Server) GetStats( {\n")},
	}
	_, err := Methods(fsys, Dir)
	if !IsParseError(err) {
		t.Fatalf("err = %v, want a ParseError", err)
	}
	const want = "internal/api/stats.go:3:28: "
	if got := err.Error(); len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("err = %q, want it to start with %q", got, want)
	}
}
