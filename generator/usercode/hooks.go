package usercode

import (
	"errors"
	"go/ast"
	"io/fs"
	"path"
)

// HooksFunc is the function of a resource package's hooks.go that the
// generated service calls to get the hooks.
const HooksFunc = "newHooks"

// LegacyHooks returns the packages below dir (internal) whose user files
// declare newHooks without parameters, as releases before the deps value
// wrote hooks.go. The generated service calls those the old way, so a
// user's file keeps compiling across the upgrade; every other package gets
// newHooks(d deps.Deps). A file that does not parse is left to the
// compiler, which names it better than we could here.
func LegacyHooks(fsys fs.FS, dir string) (map[string]bool, error) {
	legacy := map[string]bool{}
	dirs, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return legacy, nil
		}
		return nil, err
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		err := eachUserFile(fsys, path.Join(dir, d.Name()), false, func(f *ast.File) {
			for _, decl := range f.Decls {
				if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == HooksFunc && fn.Type.Params.NumFields() == 0 {
					legacy[d.Name()] = true
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return legacy, nil
}
