package engine_test

import (
	"context"
	"testing"

	"github.com/gobackend/gobackend/generator/engine"
)

// BenchmarkNew measures a full render of the default blueprint: model,
// templates, oapi-codegen and the sqlc child process.
func BenchmarkNew(b *testing.B) {
	e := &engine.Engine{ToolVersion: "bench"}
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			for b.Loop() {
				if _, err := e.New(context.Background(), engine.NewOptions{Name: "shop", Database: db}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkModel measures loading, validating and resolving the inputs.
func BenchmarkModel(b *testing.B) {
	e := &engine.Engine{ToolVersion: "bench"}
	out, err := e.New(context.Background(), engine.NewOptions{Name: "shop"})
	if err != nil {
		b.Fatal(err)
	}
	in := &engine.Inputs{}
	for _, f := range out {
		switch f.Path {
		case engine.ManifestFile:
			in.Manifest = f.Data
		case "api/openapi.yaml":
			in.Spec = f.Data
		}
	}
	for b.Loop() {
		if _, err := e.Model(in); err != nil {
			b.Fatal(err)
		}
	}
}
