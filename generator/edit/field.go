package edit

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/gobackend/gobackend/generator/manifest"
)

// Field is one parsed FIELD argument of `add resource`:
// name:type[:modifier]..., Rails style.
type Field struct {
	Arg  string // the argument as typed, for messages
	Name string // JSON property and column name, lower snake_case
	Type string // one of Types, or "enum" or "ref"
	Enum []string
	Ref  string // referenced resource as typed; Resolve turns it into a key

	Optional, Unique, Index, Filter, Sort, Search bool

	Default        string // normalised for the type
	HasDefault     bool
	Min, Max       string // normalised numbers
	HasMin, HasMax bool
}

// Types are the column types a field may have, besides enum=... and ref=...
var Types = []string{"string", "text", "int", "bigint", "float", "decimal", "bool", "uuid", "time", "date", "json"}

// Modifiers are what may follow the type; the last three take =VALUE.
var Modifiers = []string{"optional", "unique", "index", "filter", "sort", "search", "default=", "min=", "max="}

// typeAliases are the names other tools use, mapped to ours, so a user
// coming from SQL, OpenAPI or Rails gets a precise suggestion.
var typeAliases = map[string]string{
	"integer": "int", "int32": "int", "int64": "bigint", "long": "bigint", "boolean": "bool",
	"datetime": "time", "timestamp": "time", "date-time": "time", "timestamptz": "time",
	"double": "float", "number": "float", "real": "float", "numeric": "decimal", "money": "decimal",
	"varchar": "string", "str": "string", "char": "string", "references": "ref=RESOURCE",
	"reference": "ref=RESOURCE", "belongs_to": "ref=RESOURCE", "enumeration": "enum=a,b,c",
}

// DecimalPattern is the pattern a decimal field gets: digits with an
// optional fraction, as a string so no precision is lost in JSON.
const DecimalPattern = `^-?[0-9]+(\.[0-9]+)?$`

// UnsignedDecimalPattern is the pattern of a decimal field with min=0.
const UnsignedDecimalPattern = `^[0-9]+(\.[0-9]+)?$`

var (
	fieldNameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	enumValueRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	decimalRE   = regexp.MustCompile(DecimalPattern)
)

// builtinFields are added to every resource by the generator.
var builtinFields = map[string]bool{"id": true, "created_at": true, "updated_at": true}

// listParams are the query parameters every list operation already has.
var listParams = map[string]bool{"limit": true, "cursor": true, "sort": true}

// ParseField parses and checks one FIELD argument on its own; checks that
// need the project (ref targets, features) are made by AddResource.
func ParseField(arg string) (Field, error) {
	f := Field{Arg: arg}
	bad := func(msg, hint string) (Field, error) {
		return Field{}, &Error{Arg: arg, Kind: "field", Msg: msg, Hint: hint}
	}
	parts := strings.Split(arg, ":")
	f.Name = parts[0]
	if f.Name == "" {
		return bad("the field name is empty", "write name:type, e.g. title:string")
	}
	if !fieldNameRE.MatchString(f.Name) {
		hint := "use lower snake_case letters, digits and underscores, starting with a letter"
		if fix := snake(f.Name); fieldNameRE.MatchString(fix) {
			hint = fmt.Sprintf("use lower snake_case, e.g. %q", fix+strings.TrimPrefix(arg, f.Name))
		}
		return bad(fmt.Sprintf("invalid field name %q", f.Name), hint)
	}
	if builtinFields[f.Name] {
		return bad(fmt.Sprintf("%s is added to every resource", f.Name), "drop this argument")
	}
	if len(parts) == 1 {
		f.Type = "string" // as in Rails, a bare name is a string
	} else if err := f.parseType(parts[1]); err != nil {
		return bad(err.msg, err.hint)
	}
	seen := map[string]bool{}
	for _, m := range parts[min(2, len(parts)):] {
		key, val, hasVal := strings.Cut(m, "=")
		if seen[key] {
			return bad(fmt.Sprintf("modifier %q is given twice", key), "keep one")
		}
		seen[key] = true
		if err := f.modifier(key, val, hasVal); err != nil {
			return bad(err.msg, err.hint)
		}
	}
	if err := f.check(); err != nil {
		return bad(err.msg, err.hint)
	}
	return f, nil
}

// problem is a message and a hint, before the argument is attached.
type problem struct{ msg, hint string }

func problemf(hint, format string, args ...any) *problem {
	return &problem{msg: fmt.Sprintf(format, args...), hint: hint}
}

func (f *Field) parseType(t string) *problem {
	name, val, hasVal := strings.Cut(t, "=")
	switch {
	case name == "enum":
		if !hasVal || val == "" {
			return problemf("list the values: enum=a,b,c", "enum needs values")
		}
		seen := map[string]string{}
		for _, v := range strings.Split(val, ",") {
			if !enumValueRE.MatchString(v) {
				return problemf("use letters, digits, _ . and -, separated by commas", "invalid enum value %q", v)
			}
			// oapi-codegen names a constant after each value; two values
			// with one Go name would not compile.
			goName := goEnumName(v)
			if prev, dup := seen[goName]; dup {
				if prev == v {
					return problemf("list each value once", "enum value %q is repeated", v)
				}
				return problemf("rename one of them", "enum values %q and %q would get the same Go name", prev, v)
			}
			seen[goName] = v
			f.Enum = append(f.Enum, v)
		}
		f.Type = "enum"
	case name == "ref":
		if !hasVal || val == "" {
			return problemf("name the resource: ref=customers", "ref needs a resource")
		}
		f.Type, f.Ref = "ref", val
	case name == "json":
		return problemf("use text and encode it yourself, or add the property to the spec by hand", "json is not supported as a column yet")
	case hasVal || !contains(Types, name):
		return unknownType(name)
	default:
		f.Type = name
	}
	return nil
}

func unknownType(name string) *problem {
	all := append(append([]string{}, Types...), "enum=a,b,c", "ref=RESOURCE")
	switch {
	case typeAliases[strings.ToLower(name)] != "":
		return problemf(fmt.Sprintf("did you mean %q?", typeAliases[strings.ToLower(name)]), "unknown type %q", name)
	case contains(Modifiers, name) || contains(Modifiers, name+"="):
		return problemf("the type comes first: name:string:"+name, "%q is a modifier, not a type", name)
	}
	if s := manifest.Suggest(name, append(append([]string{}, Types...), "enum", "ref")); s != "" {
		return problemf(fmt.Sprintf("did you mean %q?", s), "unknown type %q", name)
	}
	return problemf("types: "+strings.Join(all, ", "), "unknown type %q", name)
}

func (f *Field) modifier(key, val string, hasVal bool) *problem {
	switch key {
	case "optional", "unique", "index", "filter", "sort", "search":
		if hasVal {
			return problemf("write it as :"+key, "modifier %q takes no value", key)
		}
		flag := map[string]*bool{"optional": &f.Optional, "unique": &f.Unique, "index": &f.Index,
			"filter": &f.Filter, "sort": &f.Sort, "search": &f.Search}[key]
		*flag = true
	case "default", "min", "max":
		if !hasVal || val == "" {
			return problemf(fmt.Sprintf("write %s=VALUE", key), "modifier %q needs a value", key)
		}
		if key == "default" {
			f.Default, f.HasDefault = val, true
			return nil
		}
		if f.Type == "decimal" {
			// A decimal is a string in JSON, where minimum and maximum do not
			// apply: its sign is the one bound the spec can state (a pattern).
			if key != "min" || !decimalRE.MatchString(val) || strings.Trim(strings.ReplaceAll(val, ".", ""), "0") != "" {
				return problemf("min=0 makes a decimal non-negative; check other bounds in the hooks (internal/<resource>/hooks.go)",
					"%s=%s: a decimal field takes only min=0", key, val)
			}
			f.Min, f.HasMin = "0", true
			return nil
		}
		n, err := f.number(val)
		if err != nil {
			return problemf(err.hint, "%s=%s: %s", key, val, err.msg)
		}
		if key == "min" {
			f.Min, f.HasMin = n, true
		} else {
			f.Max, f.HasMax = n, true
		}
	default:
		hint := "modifiers: " + strings.Join(Modifiers, ", ")
		if s := manifest.Suggest(key, Modifiers); s != "" {
			hint = fmt.Sprintf("did you mean %q?", strings.TrimSuffix(s, "="))
		} else if s := manifest.Suggest(key+"=", Modifiers); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		if contains(Types, key) || key == "enum" || key == "ref" {
			hint = "the type goes right after the name and only once"
		}
		return problemf(hint, "unknown modifier %q", key)
	}
	return nil
}

// number checks a min/max bound: a length for strings, a value for numbers.
func (f *Field) number(s string) (string, *problem) {
	switch f.Type {
	case "string", "text":
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return "", problemf("use a whole number of characters", "not a length")
		}
		return strconv.Itoa(n), nil
	case "int", "bigint":
		n, err := strconv.ParseInt(s, 10, bits(f.Type))
		if err != nil {
			return "", problemf(fmt.Sprintf("use a whole number that fits in %d bits", bits(f.Type)), "not a valid %s", f.Type)
		}
		return strconv.FormatInt(n, 10), nil
	case "float":
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
			return "", problemf("use a number such as 0 or 2.5", "not a number")
		}
		return strconv.FormatFloat(n, 'g', -1, 64), nil
	}
	return "", problemf("min and max apply to string, text, int, bigint and float fields", "not supported for %s fields", f.Type)
}

func bits(typ string) int {
	if typ == "int" {
		return 32
	}
	return 64
}

// check validates the combination of type and modifiers.
func (f *Field) check() *problem {
	if f.HasMin && f.HasMax {
		lo, _ := strconv.ParseFloat(f.Min, 64)
		hi, _ := strconv.ParseFloat(f.Max, 64)
		if lo > hi {
			return problemf("swap them", "min=%s is greater than max=%s", f.Min, f.Max)
		}
	}
	if f.HasDefault {
		if p := f.checkDefault(); p != nil {
			return p
		}
	}
	switch {
	case f.Optional && f.HasDefault:
		return problemf("drop :optional (a field with a default may be left out of requests) or drop the default",
			"optional and default= together: an absent value would be stored as null, not the default")
	case f.Filter && (f.Type == "text" || f.Type == "float"):
		return problemf("filter on string, enum, uuid, ref, int, bigint, decimal, bool, time or date fields", "a %s field cannot be a filter", f.Type)
	case f.Filter && listParams[f.Name]:
		return problemf("rename the field", "a filter named %q would clash with the list parameter %s", f.Name, f.Name)
	case f.Sort && f.Optional:
		return problemf("drop :optional or :sort", "an optional field cannot be a sort key (its null values have no order to page through)")
	case f.Sort && !contains([]string{"string", "int", "bigint", "float", "uuid", "time", "enum"}, f.Type):
		return problemf("sort on string, enum, uuid, int, bigint, float or time fields", "a %s field cannot be a sort key", f.Type)
	case f.Search && f.Type != "string" && f.Type != "text":
		return problemf("search string or text fields", "a %s field cannot be searched", f.Type)
	case f.Type == "string" && f.HasMin && !f.HasMax && atoi(f.Min) > 255:
		return problemf("add max=N (at least the min) or use the text type", "min=%s is above the default max=255 of a string", f.Min)
	case f.Type == "bool" && f.Unique:
		return problemf("drop :unique", "a unique bool allows two rows in all")
	case f.Index && f.Unique:
		return problemf("drop :index (a unique constraint is an index)", ":index and :unique together")
	case f.Index && f.Type == "ref":
		return problemf("drop :index (references are indexed already)", ":index on a ref")
	}
	return nil
}

// checkDefault validates and normalises default=V for the field's type.
func (f *Field) checkDefault() *problem {
	v := f.Default
	bad := func(hint string) *problem { return problemf(hint, "default=%s is not a valid %s", v, f.Type) }
	switch f.Type {
	case "string", "text":
		if f.HasMin && len(v) < atoi(f.Min) || f.HasMax && len(v) > atoi(f.Max) || f.Type == "string" && !f.HasMax && len(v) > 255 {
			return problemf("make the default fit min= and max=", "default=%s does not fit the length limits", v)
		}
	case "int", "bigint":
		n, err := strconv.ParseInt(v, 10, bits(f.Type))
		if err != nil {
			return bad("use a whole number")
		}
		f.Default = strconv.FormatInt(n, 10)
		if n > 1<<53 || n < -(1<<53) {
			return problemf("use a default within ±9007199254740992, or set it in the create hook", "default=%s is beyond 2^53, which JSON numbers do not hold exactly", v)
		}
		return f.inRange(float64(n))
	case "float":
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
			return bad("use a number such as 2.5")
		}
		f.Default = strconv.FormatFloat(n, 'g', -1, 64)
		return f.inRange(n)
	case "decimal":
		if !decimalRE.MatchString(v) {
			return bad("use digits with an optional fraction, e.g. 9.99")
		}
		if f.HasMin && strings.HasPrefix(v, "-") {
			return problemf("make the default fit min=0", "default=%s is negative", v)
		}
	case "bool":
		b, err := strconv.ParseBool(v)
		if err != nil || len(v) == 1 {
			return bad("use true or false")
		}
		f.Default = strconv.FormatBool(b)
	case "enum":
		if !contains(f.Enum, v) {
			hint := "use one of " + strings.Join(f.Enum, ", ")
			if s := manifest.Suggest(v, f.Enum); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			return problemf(hint, "default=%s is not one of the enum values", v)
		}
	case "uuid", "time", "date", "ref":
		// The generated handlers cannot express these defaults yet; refuse
		// rather than render code that does not compile.
		return problemf("drop default= and set the value in the create hook (internal/<resource>/hooks.go)", "default= is not supported for %s fields", f.Type)
	}
	return nil
}

func (f *Field) inRange(n float64) *problem {
	lo, _ := strconv.ParseFloat(f.Min, 64)
	hi, _ := strconv.ParseFloat(f.Max, 64)
	if f.HasMin && n < lo || f.HasMax && n > hi {
		return problemf("make the default fit min= and max=", "default=%s is outside min/max", f.Default)
	}
	return nil
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
