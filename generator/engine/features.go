package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gobackend/gobackend/generator/features"
	"github.com/gobackend/gobackend/generator/manifest"
)

// featureAt is where the manifest lists feature name ("gobackend.yaml:8:12:"),
// or the file alone when it cannot tell.
func featureAt(m *manifest.Manifest, name string) string {
	if i := slices.Index(m.Features, name); i >= 0 && i < len(m.FeaturePos) {
		return fmt.Sprintf("%s:%d:%d:", ManifestFile, m.FeaturePos[i].Line, m.FeaturePos[i].Col)
	}
	return ManifestFile + ":"
}

// featureError places an unavailable feature at its line of the manifest.
func featureError(m *manifest.Manifest, err error) error {
	avail := features.Available()
	for _, f := range m.Features {
		if !slices.Contains(avail, f) {
			return fmt.Errorf("%s features: %w; remove it from the list", featureAt(m, f), err)
		}
	}
	return fmt.Errorf("%s: %w", ManifestFile, err)
}

// requiresError places a feature enabled without the features it builds
// on at its line of the manifest, naming what to add.
func requiresError(m *manifest.Manifest, mods []*features.Module) error {
	var errList []error
	for _, mod := range mods {
		missing := mod.Missing(m.Features)
		if len(missing) == 0 {
			continue
		}
		errList = append(errList, fmt.Errorf("%s features: feature %s requires %s; add %s to the list",
			featureAt(m, mod.Name), mod.Name, strings.Join(missing, " and "), strings.Join(missing, ", ")))
	}
	return errors.Join(errList...)
}
