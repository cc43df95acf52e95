package model

import (
	"strings"

	"golang.org/x/mod/semver"
)

// Released reports whether `go run module@v` can fetch gobackend version v:
// a release tag or a clean pseudo-version. "(devel)" (no version
// information) and a "+dirty" build (local changes) name no fetchable
// source, so a project that records one must not pretend to be reproducible.
func Released(v string) bool {
	return semver.IsValid(v) && semver.Build(v) == ""
}

// ToolReleased reports whether the recorded generator version is fetchable
// (see Released); templates use it to refuse to run an unreleased one.
func (p *Project) ToolReleased() bool { return Released(p.ToolVersion) }

// ToolVersionShell is ToolVersion quoted for a POSIX shell: the version
// comes from the build (or -ldflags) and is not trusted to be a bare word.
func (p *Project) ToolVersionShell() string {
	return "'" + strings.ReplaceAll(p.ToolVersion, "'", `'\''`) + "'"
}
