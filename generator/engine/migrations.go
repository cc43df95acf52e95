package engine

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/gobackend/gobackend/generator/files"
	"github.com/gobackend/gobackend/generator/migrate"
	"github.com/gobackend/gobackend/generator/model"
)

// SnapshotFile records the schema as of the last migration: the next
// migration is the difference between it and the current model.
const SnapshotFile = "internal/db/schema.gen.json"

// beforeModel marks a feature migration whose tables the model's tables
// may reference.
const beforeModel = "-- gobackend: before the model's migrations"

var migrationName = regexp.MustCompile(`^(\d+)_.+\.(sql|go)$`)

// planMigrations keeps the project's migrations (append-only), appends the
// ones the model needs, and records the schema they lead to. Feature
// modules may render unnumbered migrations (e.g. "auth.sql"): each is added
// once, numbered after the existing ones, and never again.
func (e *Engine) planMigrations(p *model.Project, in *Inputs, out []files.File) ([]files.File, error) {
	seq := 0
	have := map[string]bool{} // migration names without their number
	for _, f := range in.Migrations {
		if m := migrationName.FindStringSubmatch(path.Base(f.Path)); m != nil {
			n, _ := strconv.Atoi(m[1])
			seq = max(seq, n)
			have[strings.SplitN(path.Base(f.Path), "_", 2)[1]] = true
		}
	}

	var kept, features []files.File
	for _, f := range out {
		if f.Class == files.Migration {
			features = append(features, f)
			continue
		}
		kept = append(kept, f)
	}
	kept = append(kept, in.Migrations...)
	sort.Slice(features, func(i, j int) bool { return features[i].Path < features[j].Path })
	// A feature migration marked "before the model" creates tables that
	// resources may reference (feature auth's users): it is numbered before
	// the model's migration of the same run; the others after it.
	number := func(early bool) {
		for _, f := range features {
			name := path.Base(f.Path)
			if have[name] || bytes.Contains(f.Data, []byte(beforeModel)) != early {
				continue
			}
			seq++
			f.Path = fmt.Sprintf("%s/%05d_%s", MigrationsDir, seq, name)
			kept = append(kept, f)
		}
	}
	number(true)

	next := migrate.FromModel(p)
	var prev *migrate.Schema
	switch {
	case in.Snapshot != nil:
		s, err := migrate.Unmarshal(in.Snapshot)
		if err != nil {
			return nil, &InputError{fmt.Errorf("%s: %w (restore it from version control: it records the schema of the last migration)", SnapshotFile, err)}
		}
		prev = s
	case len(in.Migrations) > 0:
		return nil, &InputError{fmt.Errorf("%s is missing but %s has migrations: restore it from version control (it records the schema of the last migration, which the next migration starts from)", SnapshotFile, MigrationsDir)}
	}
	m, err := migrate.Diff(prev, next, p.Database)
	if err != nil {
		return nil, err
	}
	if m != nil {
		if len(m.Destructive) > 0 && !e.AllowDestructive {
			return nil, &InputError{destructiveError(m)}
		}
		seq++
		kept = append(kept, files.File{Path: MigrationsDir + "/" + m.FileName(seq), Data: m.Render(), Class: files.Migration})
	}
	number(false)
	kept = append(kept, files.File{Path: SnapshotFile, Data: next.Marshal(), Class: files.Generated})
	return kept, nil
}

func destructiveError(m *migrate.Migration) error {
	var b strings.Builder
	b.WriteString("the schema change needs destructive steps:\n")
	for _, d := range m.Destructive {
		fmt.Fprintf(&b, "  - %s\n", d)
	}
	b.WriteString("nothing was written: if this is what you want, run again with --allow-destructive (and back up the data first)")
	return errors.New(b.String())
}
