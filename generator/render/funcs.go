package render

import (
	"text/template"

	"github.com/gobackend/gobackend/generator/model"
)

// extraFuncs are the project's own template functions.
var extraFuncs = template.FuncMap{
	// sqlString quotes a string literal for SQL.
	"sqlString": func(s string) string {
		out := []rune{'\''}
		for _, r := range s {
			if r == '\'' {
				out = append(out, '\'')
			}
			out = append(out, r)
		}
		return string(append(out, '\''))
	},
}

func init() {
	// writableFields lists the fields a client may change with PATCH, minus
	// references (tests change those only through the parent).
	extraFuncs["writableFields"] = func(r *model.Resource) []*model.Field {
		var out []*model.Field
		for _, f := range r.Fields {
			if f.Updatable && f.Ref == nil {
				out = append(out, f)
			}
		}
		return out
	}
	// requiredFields lists the fields a create body must have.
	extraFuncs["requiredFields"] = func(r *model.Resource) []*model.Field {
		var out []*model.Field
		for _, f := range r.Fields {
			if f.Writable && f.Required {
				out = append(out, f)
			}
		}
		return out
	}
}
