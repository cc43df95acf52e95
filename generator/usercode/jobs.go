package usercode

import (
	"go/ast"
	"io/fs"
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
	var out []string
	err := eachUserFile(fsys, dir, false, func(f *ast.File) {
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
	})
	if err != nil {
		return nil, err
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
