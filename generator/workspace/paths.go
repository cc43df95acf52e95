package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// ErrUnsafePath is wrapped by every error about a path that could make the
// workspace read or write outside the project directory. Plans come from
// templates and user manifests, so a bad path is an input error, not a bug:
// callers can test for it with errors.Is and show the offending path.
var ErrUnsafePath = errors.New("unsafe path")

// checkPath enforces the lexical rules on a plan path: relative,
// slash-separated, clean and without "..". It is purely syntactic so that it
// gives the same answer on every OS and before anything touches the disk.
func checkPath(p string) error {
	bad := func(why string) error {
		return fmt.Errorf("%w %q: %s", ErrUnsafePath, p, why)
	}
	switch {
	case p == "" || p == ".":
		return bad("empty path")
	case strings.ContainsRune(p, 0):
		return bad("contains a NUL byte")
	case strings.Contains(p, `\`):
		return bad("must be slash-separated")
	case path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "":
		return bad("must be relative")
	case path.Clean(p) != p:
		return bad("must be clean (no //, ./ or trailing /)")
	}
	for _, elem := range strings.Split(p, "/") {
		if elem == ".." {
			return bad(`must not contain ".."`)
		}
	}
	return nil
}

// root is a project directory resolved once, so that symlink checks compare
// real locations with each other (the project itself may live behind a
// symlink, e.g. /tmp on macOS).
type root struct {
	dir  string // as given by the caller, cleaned and absolute
	real string // dir with every symlink resolved
}

func openRoot(dir string) (*root, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("project directory: %w", err)
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, fmt.Errorf("project directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("project directory %s is not a directory", dir)
	}
	return &root{dir: abs, real: real}, nil
}

// join returns the OS path of a plan path under the project directory.
func (r *root) join(p string) string {
	return filepath.Join(r.dir, filepath.FromSlash(p))
}

// resolve validates p and returns its OS path. Besides the lexical rules it
// walks the components that already exist on disk: a symlink anywhere along
// the way (the file itself included, because reading Old would follow it)
// must resolve inside the project, and a dangling one is refused because we
// cannot tell where it would lead. Components that do not exist yet are
// created by Apply as real directories, so they cannot escape.
func (r *root) resolve(p string) (string, error) {
	if err := checkPath(p); err != nil {
		return "", err
	}
	cur := r.dir
	for _, elem := range strings.Split(p, "/") {
		cur = filepath.Join(cur, elem)
		info, err := os.Lstat(cur)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || isNotDir(err) {
				break // the rest does not exist yet
			}
			return "", fmt.Errorf("%s: %w", p, err)
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		target, err := filepath.EvalSymlinks(cur)
		if err != nil {
			return "", fmt.Errorf("%w %q: cannot resolve symlink: %v", ErrUnsafePath, p, err)
		}
		if !within(r.real, target) {
			return "", fmt.Errorf("%w %q: resolves outside the project to %s", ErrUnsafePath, p, target)
		}
	}
	return r.join(p), nil
}

// within reports whether target is base or lies below it.
func within(base, target string) bool {
	rel, err := filepath.Rel(base, target)
	if err != nil {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))
}

// isNotDir reports whether err says a path component is a regular file. Such
// a path does not exist; Apply will report the conflict when it creates the
// parent directory.
func isNotDir(err error) bool {
	return errors.Is(err, syscall.ENOTDIR)
}
