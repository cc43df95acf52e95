package model

import (
	"fmt"
	"math"
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
		return f.intInRange(n)
	case "float":
		return f.floatInRange(n, "0.5")
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
	return f.padded(fmt.Sprintf(`fmt.Sprintf("%s-%%d", %s)`, shortName(f.Name, f.MaxLength), n))
}

// intInRange is an integer sample within the field's minimum and maximum:
// n itself when unbounded, else n folded into the range.
func (f *Field) intInRange(n string) string {
	switch lo, hi := f.Minimum, f.Maximum; {
	case lo != nil && hi != nil:
		width := int64(*hi) - int64(math.Ceil(*lo)) + 1
		return fmt.Sprintf("%d + %s%%%d", int64(math.Ceil(*lo)), n, width)
	case lo != nil:
		return fmt.Sprintf("%d + %s", int64(math.Ceil(*lo)), n)
	case hi != nil:
		return fmt.Sprintf("%d - %s", int64(*hi), n)
	}
	return n
}

// floatInRange is a float sample within the field's bounds, frac apart
// from the integers.
func (f *Field) floatInRange(n, frac string) string {
	switch lo, hi := f.Minimum, f.Maximum; {
	case lo != nil && hi != nil:
		return fmt.Sprintf("%v + %v*float64(%s%%10)/10", *lo, *hi-*lo, n)
	case lo != nil:
		return fmt.Sprintf("%v + float64(%s) + %s", *lo, n, frac)
	case hi != nil:
		return fmt.Sprintf("%v - float64(%s) - %s", *hi, n, frac)
	}
	return fmt.Sprintf("float64(%s) + %s", n, frac)
}

// padded lengthens a string sample to the field's minLength.
func (f *Field) padded(expr string) string {
	if f.MinLength <= 0 {
		return expr
	}
	return fmt.Sprintf("testutil.Pad(%s, %d)", expr, f.MinLength)
}

// AltSample is a second valid value, different from Sample, used to prove
// that a PATCH changes a field.
func (f *Field) AltSample(n string) string {
	switch f.Type {
	case "enum":
		return strconv.Quote(f.Enum[len(f.Enum)-1])
	case "uuid":
		return "uuid.NewString()"
	case "decimal":
		return fmt.Sprintf(`fmt.Sprintf("%%d.75", %s)`, n)
	case "int", "bigint":
		if f.Minimum != nil || f.Maximum != nil {
			return f.intInRange("(" + n + " + 1)")
		}
		return n + " + 1000"
	case "float":
		return f.floatInRange("("+n+" + 1)", "0.25")
	case "bool":
		return fmt.Sprintf("%s%%2 != 0", n)
	case "time":
		return fmt.Sprintf("time.Date(2031, 1, 2, 3, 4, %s, 0, time.UTC).Format(time.RFC3339)", n)
	case "date":
		return fmt.Sprintf(`fmt.Sprintf("2031-02-%%02d", 1+%s%%28)`, n)
	}
	if f.Email() {
		return fmt.Sprintf(`fmt.Sprintf("changed%%d@example.com", %s)`, n)
	}
	return f.padded(fmt.Sprintf(`fmt.Sprintf("%s-%%d", %s)`, shortName("changed", f.MaxLength), n))
}

// shortName trims a name so that "name-N" fits in max characters.
func shortName(name string, max int) string {
	if max > 0 && len(name)+4 > max {
		if max > 5 {
			return name[:max-5]
		}
		return "x"
	}
	return name
}
