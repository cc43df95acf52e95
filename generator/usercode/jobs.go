package usercode

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// JobsDir holds the project's jobs (feature jobs): the user's args and
// workers, and the generated registration.
const JobsDir = "internal/jobs"

// Jobs returns the jobs the user's files in dir declare, by the Go name
// of their worker constructor: a file that declares
//
//	func newSendWelcomeWorker(d deps.Deps) *SendWelcomeWorker
//
// declares the job SendWelcome, which the generated registration adds to
// River's workers. Files that do not parse are left to the compiler.
func Jobs(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	fset := token.NewFileSet()
	var out []string
	for _, e := range entries {
		if e.IsDir() || !UserFile(e.Name()) {
			continue
		}
		src, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, e.Name(), src, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || fn.Type.Params.NumFields() != 1 {
				continue
			}
			name, ok := strings.CutPrefix(fn.Name.Name, "new")
			if name, ok2 := strings.CutSuffix(name, "Worker"); ok && ok2 && name != "" && returnsPointerTo(fn, name+"Worker") {
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func returnsPointerTo(fn *ast.FuncDecl, typ string) bool {
	if fn.Type.Results == nil || fn.Type.Results.NumFields() != 1 {
		return false
	}
	star, ok := fn.Type.Results.List[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := star.X.(*ast.Ident)
	return ok && id.Name == typ
}
