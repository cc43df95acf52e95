package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set by the release build (-ldflags "-X main.version=v1.2.3").
var version = ""

// devel is the version of a build without version information; like a
// "+dirty" build it names nothing go run can fetch (see model.Released).
const devel = "(devel)"

// toolVersion is the version generated projects record (gobackend.gen.sh).
func toolVersion() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(version, bi)
}

// versionOf picks the version to record: the release build's, else the one
// the go command stamped into the binary, which is the module version for
// `go install ...@v` and, since Go 1.24, a pseudo-version from VCS for a
// build in a checkout ("+dirty" with local changes). Both are recorded as
// they are, unreleased ones included: a project never records "latest",
// which would let check drift whenever a release comes out.
func versionOf(ldflags string, bi *debug.BuildInfo) string {
	if ldflags != "" {
		return ldflags
	}
	if bi != nil && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return devel
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the gobackend version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(cmd.OutOrStdout(), "gobackend %s\n", toolVersion())
			return nil
		},
	}
}
