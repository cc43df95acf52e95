package model

import (
	"fmt"
	"strconv"
)

// Sample is a Go expression of a valid JSON value for the field in the
// generated tests; n (an int variable in scope) keeps unique values unique.
// Reference fields are filled by the tests from a created parent instead.
func (f *Field) Sample(n string) string {
	if f.Example != "" && !f.Unique {
		return f.Example
	}
	switch f.Type {
	case "enum":
		return strconv.Quote(f.Enum[0])
	case "uuid":
		return "uuid.NewString()"
	case "decimal":
		return fmt.Sprintf(`fmt.Sprintf("%%d.50", %s)`, n)
	case "int", "bigint":
		return n
	case "float":
		return fmt.Sprintf("float64(%s) + 0.5", n)
	case "bool":
		return fmt.Sprintf("%s%%2 == 0", n)
	case "time":
		return fmt.Sprintf("time.Date(2030, 1, 2, 3, 4, %s, 0, time.UTC).Format(time.RFC3339)", n)
	case "date":
		return fmt.Sprintf(`fmt.Sprintf("2030-01-%%02d", 1+%s%%28)`, n)
	}
	if f.Email() {
		return fmt.Sprintf(`fmt.Sprintf("user%%d@example.com", %s)`, n)
	}
	return fmt.Sprintf(`fmt.Sprintf("%s-%%d", %s)`, shortName(f.Name, f.MaxLength), n)
}

// AltSample is a second valid value, different from Sample, used to prove
// that a PATCH changes a field.
func (f *Field) AltSample(n string) string {
	switch f.Type {
	case "enum":
		return strconv.Quote(f.Enum[len(f.Enum)-1])
	case "decimal":
		return fmt.Sprintf(`fmt.Sprintf("%%d.75", %s)`, n)
	case "int", "bigint":
		return n + " + 1000"
	case "float":
		return fmt.Sprintf("float64(%s) + 0.25", n)
	case "bool":
		return fmt.Sprintf("%s%%2 != 0", n)
	case "time":
		return fmt.Sprintf("time.Date(2031, 1, 2, 3, 4, %s, 0, time.UTC).Format(time.RFC3339)", n)
	}
	if f.Email() {
		return fmt.Sprintf(`fmt.Sprintf("changed%%d@example.com", %s)`, n)
	}
	return fmt.Sprintf(`fmt.Sprintf("changed-%%d", %s)`, n)
}

// shortName keeps samples within a small maxLength.
func shortName(name string, max int) string {
	if max > 0 && len(name)+4 > max {
		if max > 5 {
			return name[:max-5]
		}
		return "x"
	}
	return name
}
