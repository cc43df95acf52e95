// Package workspace is the only part of gobackend that touches the project on
// disk. The engine renders a project into []files.File; this package compares
// that plan with the disk (Plan, Check), shows the difference (Diff, Summary)
// and writes it (Apply), applying the ownership rules of each files.Class so
// that the user's code is never overwritten and generated code never drifts.
package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gobackend/gobackend/generator/files"
)

// Action is what Apply will do with one file.
type Action int

const (
	// Create writes a file that does not exist on disk.
	Create Action = iota
	// Update rewrites a generated file whose bytes differ from the plan.
	Update
	// Delete removes an orphan: generated content the plan no longer has.
	Delete
	// Unchanged is a generated file that already matches the plan.
	Unchanged
	// Keep is a scaffold or migration file that exists and is left alone,
	// whatever its content: from then on it belongs to the user (scaffold)
	// or to the database history (migration).
	Keep
)

func (a Action) String() string {
	switch a {
	case Create:
		return "create"
	case Update:
		return "update"
	case Delete:
		return "delete"
	case Unchanged:
		return "unchanged"
	case Keep:
		return "keep"
	}
	return "unknown"
}

// Change is the decision for one path. Old is the content currently on disk
// (nil when the file is missing), kept so Diff and Check need no second read
// and so Apply can tell what it is replacing. For Delete, File.Data is nil
// and File.Class is Generated.
type Change struct {
	File   files.File
	Action Action
	Old    []byte
}

// UserDir holds the project's own gobackend files (template overrides):
// never planned, never an orphan, never compared by check.
const UserDir = ".gobackend"

// skipDirs are never walked for orphans: they hold VCS metadata, runtime
// data or third-party code, none of which the generator owns.
var skipDirs = map[string]bool{".git": true, "data": true, "vendor": true, "node_modules": true}

// Plan reads the project in dir and decides the action for each planned file
// and for each orphan, sorted by path. It writes nothing, so it serves
// `generate --dry-run`, `--diff` and `check` as well as `generate`.
//
// Every path is validated first (see ErrUnsafePath): one bad path fails the
// whole plan, because a partial plan applied would leave the project half
// regenerated.
func Plan(dir string, plan []files.File) ([]Change, error) {
	r, err := openRoot(dir)
	if err != nil {
		return nil, err
	}
	planned, err := checkPlan(plan)
	if err != nil {
		return nil, err
	}
	changes := make([]Change, 0, len(plan))
	for _, f := range plan {
		c, err := r.decide(f)
		if err != nil {
			return nil, err
		}
		changes = append(changes, c)
	}
	orphans, err := r.orphans(plan, planned)
	if err != nil {
		return nil, err
	}
	changes = append(changes, orphans...)
	sortChanges(changes)
	return changes, nil
}

// checkPlan validates the paths lexically and rejects plans that could not
// be written consistently: the same path twice, or a path that is both a
// file and the parent directory of another file.
func checkPlan(plan []files.File) (map[string]bool, error) {
	planned := make(map[string]bool, len(plan))
	for _, f := range plan {
		if err := checkPath(f.Path); err != nil {
			return nil, err
		}
		if f.Path == UserDir || strings.HasPrefix(f.Path, UserDir+"/") {
			return nil, fmt.Errorf("%s: %s belongs to the user and is never written", f.Path, UserDir)
		}
		if f.Class != files.Generated && f.Class != files.Scaffold && f.Class != files.Migration && f.Class != files.Section {
			return nil, fmt.Errorf("%s: unknown class %d", f.Path, int(f.Class))
		}
		if planned[f.Path] {
			return nil, fmt.Errorf("%s: planned twice", f.Path)
		}
		planned[f.Path] = true
	}
	for _, f := range plan {
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			if planned[d] {
				return nil, fmt.Errorf("%s: planned as a file and as the directory of %s", d, f.Path)
			}
		}
	}
	return planned, nil
}

// decide applies the ownership table to one planned file.
func (r *root) decide(f files.File) (Change, error) {
	name, err := r.resolve(f.Path)
	if err != nil {
		return Change{}, err
	}
	old, exists, err := readExisting(name)
	if err != nil {
		return Change{}, fmt.Errorf("%s: %w", f.Path, err)
	}
	c := Change{File: f, Old: old}
	switch {
	case !exists:
		c.Action = Create
	case f.Class == files.Scaffold, f.Class == files.Migration:
		c.Action = Keep
	case f.Class == files.Section:
		// Only the generated region is ours; a file without one (made
		// before the region existed, or the user removed its markers) is
		// entirely the user's.
		merged, ok := files.ReplaceSection(old, f.Data)
		switch {
		case !ok:
			c.Action = Keep
		case bytes.Equal(old, merged):
			c.Action = Unchanged
		default:
			c.Action = Update
		}
		if ok {
			c.File.Data = merged
		}
	case f.Class == files.Generated && !strings.Contains(path.Base(f.Path), ".gen.") && !files.IsGeneratedContent(old):
		// A generated file without .gen. in its name (compose.yaml) that
		// lacks the generated header was written by an older gobackend as
		// the user's, or replaced by the user: it stays theirs until they
		// delete it.
		c.Action = Keep
	case bytes.Equal(old, f.Data):
		c.Action = Unchanged
	default:
		c.Action = Update
	}
	return c, nil
}

// readExisting reads a planned target. A path blocked by a regular file
// where a directory should be counts as missing, so that the plan shows a
// Create and Apply reports the conflict without having written anything.
// A directory in place of the file is an error: no action can fix it
// without deleting user data.
func readExisting(name string) (data []byte, exists bool, err error) {
	info, err := os.Stat(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || isNotDir(err) {
			return nil, false, nil
		}
		return nil, false, err
	}
	if !info.Mode().IsRegular() {
		return nil, false, fmt.Errorf("exists and is not a regular file (%s)", info.Mode().Type())
	}
	data, err = os.ReadFile(name)
	if err != nil {
		return nil, false, err
	}
	return data, true, nil
}

// orphans finds generated content on disk that the plan no longer contains.
// Only files at or below a directory the plan writes into are candidates,
// so an empty or narrow plan can never sweep the whole tree, and only files
// that start with a generated header are reported: anything else is the
// user's and is never deleted.
func (r *root) orphans(plan []files.File, planned map[string]bool) ([]Change, error) {
	roots := map[string]bool{}     // directories the plan writes into
	ancestors := map[string]bool{} // and every directory above them
	for _, f := range plan {
		d := path.Dir(f.Path)
		roots[d] = true
		for ; d != "."; d = path.Dir(d) {
			ancestors[d] = true
		}
	}
	if len(roots) == 0 {
		return nil, nil
	}
	underRoot := func(rel string) bool {
		for d := rel; ; d = path.Dir(d) {
			if roots[d] {
				return true
			}
			if d == "." {
				return false
			}
		}
	}
	var out []Change
	err := filepath.WalkDir(r.dir, func(name string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(r.dir, name)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "." {
				return nil
			}
			// A hidden or third-party directory is skipped unless the plan
			// itself writes into it (e.g. .github/workflows); .git never.
			base := d.Name()
			if base == ".git" || rel == UserDir || ((skipDirs[base] || strings.HasPrefix(base, ".")) && !ancestors[rel]) {
				return filepath.SkipDir
			}
			return nil
		}
		// Symlinks and other special files are never ours: reading through
		// a link could leave the project, deleting it could lose user data.
		if !d.Type().IsRegular() || planned[rel] || !underRoot(path.Dir(rel)) {
			return nil
		}
		gen, err := hasGeneratedHeader(name)
		if err != nil || !gen {
			return err
		}
		old, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		out = append(out, Change{
			File:   files.File{Path: rel, Class: files.Generated},
			Action: Delete,
			Old:    old,
		})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("looking for orphans: %w", err)
	}
	return out, nil
}

// headerLen is the longest generated header, so hasGeneratedHeader reads a
// few bytes of each file instead of whole binaries and data files.
var headerLen = max(len(files.GoHeader), len(files.HashHeader), len(files.SQLHeader))

func hasGeneratedHeader(name string) (bool, error) {
	f, err := os.Open(name)
	if err != nil {
		return false, err
	}
	defer f.Close()
	buf := make([]byte, headerLen)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, err
	}
	return files.IsGeneratedContent(buf[:n]), nil
}

func sortChanges(cs []Change) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].File.Path < cs[j].File.Path })
}
