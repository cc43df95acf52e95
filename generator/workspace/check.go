package workspace

import (
	"github.com/gobackend/gobackend/generator/files"
)

// Report is the drift `check` found between the plan and the disk. Each list
// holds project-relative paths in sorted order.
type Report struct {
	// Stale are generated files whose bytes differ from the plan, and
	// orphans: generated content the plan no longer contains.
	Stale []string
	// Pending are migrations in the plan that are missing on disk.
	Pending []string
	// Missing are generated files in the plan that are missing on disk.
	Missing []string
	// Diff is the unified diff of all of the above.
	Diff []byte
}

// InSync reports whether the project matches the plan, i.e. whether `check`
// should succeed.
func (r *Report) InSync() bool {
	return len(r.Stale) == 0 && len(r.Pending) == 0 && len(r.Missing) == 0
}

// Check compares the project in dir with the plan without writing anything,
// for CI to catch generated code that was edited by hand or not regenerated.
// Only what generate owns counts as drift: scaffold files belong to the user
// (even a missing one is their choice), and an existing migration that
// differs is history that generate must not rewrite either. Of a section
// file (.env.example), only the generated region counts.
func Check(dir string, plan []files.File) (*Report, error) {
	changes, err := Plan(dir, plan)
	if err != nil {
		return nil, err
	}
	rep := &Report{}
	var drift []Change
	for _, c := range changes {
		switch {
		case c.Action == Delete:
			rep.Stale = append(rep.Stale, c.File.Path)
		case (c.File.Class == files.Generated || c.File.Class == files.Section) && c.Action == Update:
			// A section file's generated region counts; its other lines
			// are the user's (a missing section file is their choice).
			rep.Stale = append(rep.Stale, c.File.Path)
		case c.File.Class == files.Generated && c.Action == Create:
			rep.Missing = append(rep.Missing, c.File.Path)
		case c.File.Class == files.Migration && c.Action == Create:
			rep.Pending = append(rep.Pending, c.File.Path)
		default:
			continue
		}
		drift = append(drift, c)
	}
	rep.Diff = Diff(drift)
	return rep, nil
}
