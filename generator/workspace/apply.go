package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/gobackend/gobackend/generator/files"
)

const (
	fileMode = 0o644
	dirMode  = 0o755
)

// Apply makes the disk match a plan from Plan. It works in phases so that a
// failure leaves the project as it was rather than half regenerated (a
// half-regenerated project usually does not compile):
//
//  1. every path is re-validated and every delete re-checked, because
//     changes may be built or kept by hand and the disk may have moved on;
//  2. every new content is written to a temp file next to its target
//     (creating parent directories) and fsync'd;
//  3. only then are the temp files renamed over their targets, each rename
//     being atomic, so a reader never sees a truncated file;
//  4. orphans are deleted last, once the code replacing them is in place.
//
// A failure in phases 1-2 removes the temp files and the directories Apply
// created and leaves the project untouched. A failure in phase 3 (rare: the
// targets were checked in phase 2) cannot be undone; the error says so and
// running generate again finishes the job. Unchanged and Keep are no-ops.
func Apply(dir string, changes []Change) (err error) {
	r, err := openRoot(dir)
	if err != nil {
		return err
	}
	var writes, deletes []Change
	seen := map[string]bool{}
	for _, c := range changes {
		if err := checkPath(c.File.Path); err != nil {
			return err
		}
		if seen[c.File.Path] {
			return fmt.Errorf("%s: appears twice in the changes", c.File.Path)
		}
		seen[c.File.Path] = true
		switch c.Action {
		case Create, Update:
			writes = append(writes, c)
		case Delete:
			deletes = append(deletes, c)
		case Unchanged, Keep:
		default:
			return fmt.Errorf("%s: unknown action %d", c.File.Path, c.Action)
		}
	}
	sortChanges(writes)
	sortChanges(deletes)

	// Phase 1: nothing has been touched yet.
	for _, c := range writes {
		if _, err := r.resolve(c.File.Path); err != nil {
			return err
		}
	}
	for _, c := range deletes {
		if _, err := r.checkOrphan(c.File.Path); err != nil {
			return err
		}
	}

	// Phase 2.
	tx := &txn{}
	defer func() {
		if err != nil {
			tx.rollback()
		}
	}()
	for _, c := range writes {
		if err := tx.stage(r, c); err != nil {
			return err
		}
	}

	// Phase 3.
	if err := tx.commit(); err != nil {
		return err
	}

	// Phase 4.
	for _, c := range deletes {
		name, err := r.checkOrphan(c.File.Path)
		if err != nil {
			return err
		}
		if err := os.Remove(name); err != nil {
			return fmt.Errorf("%s: %w", c.File.Path, err)
		}
	}
	return nil
}

// checkOrphan re-checks, just before deleting, that the path is a regular
// file inside the project that still starts with a generated header: a user
// who took over a file by removing its header must never lose it.
func (r *root) checkOrphan(p string) (string, error) {
	name, err := r.resolve(p)
	if err != nil {
		return "", err
	}
	info, err := os.Lstat(name)
	if err != nil {
		return "", fmt.Errorf("%s: %w", p, err)
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("%s: refusing to delete: not a regular file", p)
	}
	gen, err := hasGeneratedHeader(name)
	if err != nil {
		return "", fmt.Errorf("%s: %w", p, err)
	}
	if !gen {
		return "", fmt.Errorf("%s: refusing to delete: not generated content", p)
	}
	return name, nil
}

// txn tracks what Apply has put on disk so far, to undo it on failure.
type txn struct {
	staged []staged
	dirs   []string // directories created, parents first
}

type staged struct {
	path string // plan path, for messages
	tmp  string // temp file holding the new content
	name string // target
}

// stage writes c's content to a temp file in the target's directory (same
// filesystem, so the later rename is atomic) with the final mode.
func (t *txn) stage(r *root, c Change) error {
	p := c.File.Path
	name, err := r.resolve(p)
	if err != nil {
		return err
	}
	mode := fs.FileMode(fileMode)
	info, err := os.Stat(name)
	switch {
	case err == nil && info.IsDir():
		return fmt.Errorf("%s: is a directory", p)
	case err == nil && c.Action == Create && c.File.Class != files.Generated:
		// Scaffold and migration files are never overwritten, even when
		// one appeared between Plan and Apply.
		return fmt.Errorf("%s: %s file appeared since the plan was made; not overwriting it", p, c.File.Class)
	case err == nil:
		mode = info.Mode().Perm() // keep e.g. an executable bit the user set
	case !errors.Is(err, fs.ErrNotExist) && !isNotDir(err):
		return fmt.Errorf("%s: %w", p, err)
	}
	parent := filepath.Dir(name)
	if err := t.mkdirAll(parent); err != nil {
		return fmt.Errorf("%s: cannot create parent directory: %w", p, err)
	}
	f, err := os.CreateTemp(parent, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	t.staged = append(t.staged, staged{path: p, tmp: f.Name(), name: name})
	_, err = f.Write(c.File.Data)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	return nil
}

// mkdirAll is os.MkdirAll that remembers which directories it created, so
// that rollback can remove them and a failed Apply leaves no empty dirs.
func (t *txn) mkdirAll(d string) error {
	info, err := os.Stat(d)
	if err == nil {
		if info.IsDir() {
			return nil
		}
		return &fs.PathError{Op: "mkdir", Path: d, Err: syscall.ENOTDIR}
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := t.mkdirAll(filepath.Dir(d)); err != nil {
		return err
	}
	if err := os.Mkdir(d, dirMode); err != nil {
		return err
	}
	t.dirs = append(t.dirs, d)
	return nil
}

// commit renames every temp file over its target, then fsyncs the parent
// directories so the renames themselves survive a crash.
func (t *txn) commit() error {
	for i, s := range t.staged {
		if err := os.Rename(s.tmp, s.name); err != nil {
			t.staged = t.staged[i:] // the rest is still only temp files
			return fmt.Errorf("%s: %w (%d file(s) before it were already replaced; run generate again)", s.path, err, i)
		}
	}
	synced := map[string]bool{}
	for _, s := range t.staged {
		if d := filepath.Dir(s.name); !synced[d] {
			synced[d] = true
			syncDir(d)
		}
	}
	t.staged, t.dirs = nil, nil // nothing left to roll back
	return nil
}

// syncDir is best effort: some platforms cannot fsync a directory, and the
// file contents are already on disk.
func syncDir(d string) {
	if f, err := os.Open(d); err == nil {
		f.Sync()
		f.Close()
	}
}

// rollback removes remaining temp files, then the directories Apply created
// (deepest first; os.Remove keeps any that are not empty).
func (t *txn) rollback() {
	for _, s := range t.staged {
		os.Remove(s.tmp)
	}
	for i := len(t.dirs) - 1; i >= 0; i-- {
		os.Remove(t.dirs[i])
	}
	t.staged, t.dirs = nil, nil
}
