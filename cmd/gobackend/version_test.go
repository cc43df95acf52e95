package main

import (
	"runtime/debug"
	"testing"

	"github.com/gobackend/gobackend/generator/model"
)

func TestVersionOf(t *testing.T) {
	build := func(v string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/gobackend/gobackend", Version: v}}
	}
	pseudo := "v0.3.1-0.20261203095102-46573fa1b2c3"
	for _, tc := range []struct {
		name     string
		ldflags  string
		bi       *debug.BuildInfo
		want     string
		released bool
	}{
		{"release build", "v1.2.3", build("(devel)"), "v1.2.3", true},
		{"go install @v", "", build("v1.2.3"), "v1.2.3", true},
		{"clean checkout", "", build(pseudo), pseudo, true},
		{"local changes", "", build(pseudo + "+dirty"), pseudo + "+dirty", false},
		{"no vcs information", "", build("(devel)"), "(devel)", false},
		{"no version at all", "", build(""), "(devel)", false},
		{"no build information", "", nil, "(devel)", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := versionOf(tc.ldflags, tc.bi)
			if got != tc.want {
				t.Fatalf("versionOf = %q, want %q", got, tc.want)
			}
			if got == "latest" {
				t.Fatal("a project must never record latest")
			}
			if r := model.Released(got); r != tc.released {
				t.Fatalf("Released(%q) = %v, want %v", got, r, tc.released)
			}
		})
	}
}
