package migrate

import (
	"fmt"
	"slices"
	"strings"
)

// destructive lists the Up steps that lose data or that fail on a
// populated table. Steps that only fail on data violating a new rule the
// user asked for (a new unique or reference) are not listed: they lose
// nothing, and the migration's transaction rolls back.
func (d *schemaDiff) destructive() []string {
	var out []string
	for _, td := range d.altered {
		t := td.next.Name
		for _, c := range td.dropped {
			out = append(out, fmt.Sprintf("drop column %s.%s (its data is lost)", t, c.Name))
		}
		for _, c := range td.added {
			if !c.Nullable && !c.PrimaryKey && c.Default == "" {
				out = append(out, fmt.Sprintf("add NOT NULL column %s.%s without a default (fails if %s has rows; give it a default or make it optional)", t, c.Name, t))
			}
		}
		for _, cc := range td.changed {
			out = append(out, columnRisks(t, cc)...)
		}
	}
	for _, t := range d.dropped {
		out = append(out, fmt.Sprintf("drop table %s (all its rows are lost)", t.Name))
	}
	return out
}

func columnRisks(t string, cc colChange) []string {
	var out []string
	p, n := cc.prev, cc.next
	col := t + "." + n.Name
	switch {
	case p.Type == "enum" && n.Type == "enum":
		var gone []string
		for _, v := range p.Enum {
			if !slices.Contains(n.Enum, v) {
				gone = append(gone, v)
			}
		}
		if len(gone) > 0 {
			out = append(out, fmt.Sprintf("remove enum values %s from %s (fails if a row holds one)", strings.Join(gone, ", "), col))
		}
	case !widening(p.Type, n.Type):
		out = append(out, fmt.Sprintf("narrow %s from %s to %s (fails or loses data if a value does not fit)", col, p.Type, n.Type))
	}
	if p.Nullable && !n.Nullable && n.Default == "" {
		out = append(out, fmt.Sprintf("make %s NOT NULL without a default (fails if a row holds NULL; give it a default or keep it optional)", col))
	}
	return out
}

// widening reports whether every value of logical type from is a value of
// type to, so that converting the column loses nothing.
func widening(from, to string) bool {
	if from == to {
		return true
	}
	switch to {
	case "text":
		return true // every type has a text form, and TEXT has no length limit
	case "string":
		return from == "uuid" || from == "enum"
	case "bigint":
		return from == "int"
	case "float":
		return from == "int"
	case "decimal":
		return from == "int" || from == "bigint" || from == "float"
	case "time":
		return from == "date"
	}
	return false
}
