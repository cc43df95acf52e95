package usercode

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"sort"
)

// eachUserFile parses the user's Go files of dir (UserFile), in name
// order, and calls fn with each. A missing dir has none. A file that does
// not parse is an error (a *ParseError naming it) when strict; otherwise
// it is skipped and left to the compiler, which names it better.
func eachUserFile(fsys fs.FS, dir string, strict bool, fn func(*ast.File)) error {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.IsDir() || !UserFile(e.Name()) {
			continue
		}
		name := path.Join(dir, e.Name())
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			if strict {
				return parseError(err)
			}
			continue
		}
		fn(f)
	}
	return nil
}
