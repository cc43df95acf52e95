package features

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"

	"gopkg.in/yaml.v3"
)

// Module is a feature's descriptor: what it plugs into the files every
// project shares. Its code (a feature value in internal/app, its packages,
// its tests) is in its template folder; the fields here are those the base
// templates cannot get from Go code, because they are types, imports and
// documentation.
type Module struct {
	Name    string `yaml:"-"`
	Summary string `yaml:"summary"`
	// Requires are the features this one builds on; enabling it without
	// them is an input error at its line of the manifest.
	Requires []string `yaml:"requires"`
	// Jobs are the jobs (feature jobs) the feature generates in
	// internal/jobs when feature jobs is on, by Go name: each has a
	// newNAMEWorker(d deps.Deps) that register.gen.go adds.
	Jobs []string `yaml:"jobs"`
	// Config is the field of app.Config that holds the feature's settings.
	Config *Field `yaml:"config"`
	// Deps are fields of app.Deps; the Shared ones are in deps.Deps too.
	Deps []Field `yaml:"deps"`
	// Imports are the project packages (module-relative) the types need.
	Imports []string `yaml:"imports"`
	// Require are go.mod requirements ("module version"), of every
	// project with the feature and of those on one database.
	Require         []string `yaml:"require"`
	RequireSQLite   []string `yaml:"require_sqlite"`
	RequirePostgres []string `yaml:"require_postgres"`
	// Env documents the feature's settings in .env.example.
	Env []EnvGroup `yaml:"env"`
	// Secrets are the names of those settings that hold credentials: the
	// Kubernetes manifests take them from the Secret (its template lists
	// them, without values), never from the ConfigMap.
	Secrets []string `yaml:"secrets"`
	// Kubernetes is what the feature changes in deploy/k8s/base of a
	// PostgreSQL project (a SQLite project is one pod that does it all).
	Kubernetes Kubernetes `yaml:"kubernetes"`
	// Compose is YAML for compose.yaml's services map (written at the
	// left margin; it is indented into the map), a template over the
	// project: the services the feature needs locally.
	Compose string `yaml:"compose"`
	// Readme is its section of the generated README, a template over the
	// project.
	Readme string `yaml:"readme"`
	// ComposeEnv are settings of the app service in compose.yaml,
	// "NAME: value" templates over the project: how the app reaches the
	// feature's services.
	ComposeEnv []string `yaml:"compose_env"`
	// Before names features that must come after this one in the features
	// list, because building them uses a dependency this one builds (email
	// builds the mailer auth sends its mails through). Features are
	// otherwise in name order.
	Before []string `yaml:"before"`
}

// Kubernetes is a feature's part of the Kubernetes manifests.
type Kubernetes struct {
	// Config are ConfigMap settings, NAME=value, that differ from the
	// .env.example defaults in a cluster.
	Config []string `yaml:"config"`
	// Resources are manifests of the feature's template folder under
	// deploy/k8s/base that the base kustomization lists.
	Resources []string `yaml:"resources"`
}

// Field is a Go struct field a feature adds.
type Field struct {
	Field  string `yaml:"field"`
	Type   string `yaml:"type"`
	Doc    string `yaml:"doc"`
	Shared bool   `yaml:"shared"`
}

// EnvGroup is a comment and the variables it documents; each variable is
// NAME=default, a template over the project.
type EnvGroup struct {
	Doc  string   `yaml:"doc"`
	Vars []string `yaml:"vars"`
}

//go:embed */feature.yaml */spec.yaml
var moduleFS embed.FS

// modules and fragments are read once: they are embedded, so a broken one
// is a defect of this build, which the package's tests catch.
var modules, fragments = loadModules()

func loadModules() (map[string]*Module, map[string][]byte) {
	mods, frags := map[string]*Module{}, map[string][]byte{}
	names, _ := fs.Glob(moduleFS, "*/feature.yaml")
	for _, p := range names {
		name := path.Dir(p)
		data, _ := moduleFS.ReadFile(p)
		m := &Module{Name: name}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(m); err != nil {
			panic(fmt.Sprintf("features: %s: %v", p, err))
		}
		mods[name] = m
		if spec, err := moduleFS.ReadFile(name + "/spec.yaml"); err == nil {
			frags[name] = spec
		}
	}
	return mods, frags
}

// Available lists the features this version implements, sorted.
func Available() []string {
	out := make([]string, 0, len(modules))
	for name := range modules {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Modules returns the descriptors of the enabled features in name order
// (so output does not depend on the manifest's), except that a feature
// comes before those its Before names. A feature this version
// does not implement is an error.
func Modules(enabled []string) ([]*Module, error) {
	var out []*Module
	seen := map[string]bool{}
	for _, name := range enabled {
		m, ok := modules[name]
		if !ok {
			return nil, fmt.Errorf("feature %s is not implemented by this gobackend version (available: %v)", name, Available())
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return ordered(out), nil
}

// ordered puts each module before the enabled ones its Before names and
// keeps name order otherwise: the first module (by name) with nothing
// enabled that must precede it goes next. A cycle, which the package's
// tests would catch, falls back to name order for what is left.
func ordered(mods []*Module) []*Module {
	after := map[string]int{} // how many enabled modules must precede each
	enabled := map[string]bool{}
	for _, m := range mods {
		enabled[m.Name] = true
	}
	for _, m := range mods {
		for _, b := range m.Before {
			if enabled[b] {
				after[b]++
			}
		}
	}
	var out []*Module
	done := map[string]bool{}
	for len(out) < len(mods) {
		next := -1
		for i, m := range mods {
			if !done[m.Name] && after[m.Name] == 0 {
				next = i
				break
			}
		}
		if next < 0 { // a cycle: the rest by name
			for _, m := range mods {
				if !done[m.Name] {
					out = append(out, m)
				}
			}
			return out
		}
		m := mods[next]
		done[m.Name] = true
		out = append(out, m)
		for _, b := range m.Before {
			if enabled[b] {
				after[b]--
			}
		}
	}
	return out
}

// Missing returns the features m requires that enabled lacks, in the
// order m lists them.
func (m *Module) Missing(enabled []string) []string {
	var out []string
	for _, r := range m.Requires {
		if !slices.Contains(enabled, r) {
			out = append(out, r)
		}
	}
	return out
}

// SharedDeps are the fields of m that deps.Deps has too.
func (m *Module) SharedDeps() []Field {
	var out []Field
	for _, f := range m.Deps {
		if f.Shared {
			out = append(out, f)
		}
	}
	return out
}
