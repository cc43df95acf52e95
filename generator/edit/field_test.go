package edit

import (
	"strings"
	"testing"
)

// TestFieldTypes renders the property each type and modifier produces in
// the main schema and in the create schema.
func TestFieldTypes(t *testing.T) {
	n, _ := ResourceNames("items")
	for _, tc := range []struct{ arg, main, create string }{
		{"title", "type: string\nmaxLength: 255\n", ""},
		{"title:string:min=1:max=80", "type: string\nminLength: 1\nmaxLength: 80\n", ""},
		{"body:text", "type: string\n", ""},
		{"body:text:max=5000:optional", "type: string\nmaxLength: 5000\nnullable: true\n", ""},
		{"qty:int:min=-5:max=+10", "type: integer\nformat: int32\nminimum: -5\nmaximum: 10\n", ""},
		{"views:bigint:default=007", "type: integer\nformat: int64\n", "type: integer\nformat: int64\ndefault: 7\n"},
		{"ratio:float:min=0.5:default=1e1", "type: number\nformat: double\nminimum: 0.5\n", "type: number\nformat: double\nminimum: 0.5\ndefault: 10\n"},
		{"price:decimal:default=9.99", "type: string\nformat: decimal\npattern: '^-?[0-9]+(\\.[0-9]+)?$'\n",
			"type: string\nformat: decimal\npattern: '^-?[0-9]+(\\.[0-9]+)?$'\ndefault: \"9.99\"\n"},
		{"price:decimal:min=0", "type: string\nformat: decimal\npattern: '^[0-9]+(\\.[0-9]+)?$'\n", ""},
		{"done:bool:default=TRUE", "type: boolean\n", "type: boolean\ndefault: true\n"},
		{"token:uuid:unique", "type: string\nformat: uuid\n", ""},
		{"at:time:optional", "type: string\nformat: date-time\nnullable: true\n", ""},
		{"on:date", "type: string\nformat: date\n", ""},
		{"kind:enum=a,b", "$ref: '#/components/schemas/ItemKind'\n", ""},
		{"kind:enum=yes,no:optional", "allOf:\n  - $ref: '#/components/schemas/ItemKind'\nnullable: true\n", ""},
		{"kind:enum=a,b:default=b", "$ref: '#/components/schemas/ItemKind'\n", "allOf:\n  - $ref: '#/components/schemas/ItemKind'\ndefault: b\n"},
		{"code:string:default=123", "type: string\nmaxLength: 255\n", "type: string\nmaxLength: 255\ndefault: \"123\"\n"},
		{"owner_id:ref=users", "type: string\nformat: uuid\n", ""},
	} {
		f, err := ParseField(tc.arg)
		if err != nil {
			t.Errorf("%s: %v", tc.arg, err)
			continue
		}
		d := &doc{unit: 2, nl: "\n"}
		if got := d.block(property(n, f, "main"), 0); got != tc.main {
			t.Errorf("%s: main property\n%s\nwant\n%s", tc.arg, got, tc.main)
		}
		if tc.create == "" {
			tc.create = tc.main
		}
		if got := d.block(property(n, f, "create"), 0); got != tc.create {
			t.Errorf("%s: create property\n%s\nwant\n%s", tc.arg, got, tc.create)
		}
	}
}

func TestFieldModifiers(t *testing.T) {
	f, err := ParseField("email:string:unique:filter:sort")
	if err != nil || !f.Unique || !f.Filter || !f.Sort || f.Optional || f.Index || f.Search {
		t.Errorf("got %+v, %v", f, err)
	}
	f, err = ParseField("note:text:optional:search:index")
	if err != nil || !f.Optional || !f.Search || !f.Index {
		t.Errorf("got %+v, %v", f, err)
	}
	f, err = ParseField("state:enum=in-progress,done,v1.2")
	if err != nil || strings.Join(f.Enum, " ") != "in-progress done v1.2" {
		t.Errorf("got %+v, %v", f, err)
	}
}

// TestFieldErrors: each bad argument names itself, says what is wrong and
// how to fix it.
func TestFieldErrors(t *testing.T) {
	for _, tc := range []struct{ arg, want string }{
		{":string", `field ":string": the field name is empty (write name:type, e.g. title:string)`},
		{"firstName:string", `field "firstName:string": invalid field name "firstName" (use lower snake_case, e.g. "first_name:string")`},
		{"1st:string", `invalid field name "1st"`},
		{"id:uuid", `field "id:uuid": id is added to every resource (drop this argument)`},
		{"created_at:time", `created_at is added to every resource`},
		{"price:decmal", `field "price:decmal": unknown type "decmal" (did you mean "decimal"?)`},
		{"n:integer", `unknown type "integer" (did you mean "int"?)`},
		{"at:datetime", `unknown type "datetime" (did you mean "time"?)`},
		{"x:blob", `unknown type "blob" (types: string, text, int`},
		{"x:optional", `"optional" is a modifier, not a type (the type comes first: name:string:optional)`},
		{"meta:json", `json is not supported as a column yet`},
		{"s:enum", `enum needs values (list the values: enum=a,b,c)`},
		{"s:enum=a,,b", `invalid enum value ""`},
		{"s:enum=a,b,a", `enum value "a" is repeated`},
		{"s:enum=a-b,a_b", `enum values "a-b" and "a_b" would get the same Go name`},
		{"c:ref", `ref needs a resource (name the resource: ref=customers)`},
		{"x:string:optinal", `unknown modifier "optinal" (did you mean "optional"?)`},
		{"x:string:defualt=a", `unknown modifier "defualt" (did you mean "default"?)`},
		{"x:string:int", `unknown modifier "int" (the type goes right after the name and only once)`},
		{"x:string:unique:unique", `modifier "unique" is given twice (keep one)`},
		{"x:string:unique=yes", `modifier "unique" takes no value`},
		{"x:int:min=", `modifier "min" needs a value (write min=VALUE)`},
		{"x:int:min=abc", `min=abc: not a valid int`},
		{"x:int:max=3000000000", `max=3000000000: not a valid int (use a whole number that fits in 32 bits)`},
		{"x:string:max=-1", `max=-1: not a length`},
		{"x:bool:min=1", `min=1: not supported for bool fields`},
		{"x:decimal:max=10", `max=10: a decimal field takes only min=0`},
		{"x:string:min=300", `min=300 is above the default max=255 of a string (add max=N (at least the min) or use the text type)`},
		{"x:bool:unique", `a unique bool allows two rows in all (drop :unique)`},
		{"x:bigint:default=9007199254740993", `default=9007199254740993 is beyond 2^53`},
		{"x:decimal:min=1", `min=1: a decimal field takes only min=0`},
		{"x:decimal:min=0:default=-1", `default=-1 is negative`},
		{"x:int:min=5:max=1", `min=5 is greater than max=1 (swap them)`},
		{"x:int:default=1.5", `default=1.5 is not a valid int`},
		{"x:int:min=2:default=1", `default=1 is outside min/max`},
		{"x:float:default=nan", `default=nan is not a valid float`},
		{"x:decimal:default=1e3", `default=1e3 is not a valid decimal`},
		{"x:bool:default=1", `default=1 is not a valid bool (use true or false)`},
		{"x:enum=red,green:default=blue", `default=blue is not one of the enum values (use one of red, green)`},
		{"x:enum=draft,done:default=drat", `(did you mean "draft"?)`},
		{"x:string:max=3:default=abcd", `default=abcd does not fit the length limits`},
		{"x:time:default=2020-01-01", `default= is not supported for time fields`},
		{"x:uuid:default=00000000-0000-0000-0000-000000000000", `default= is not supported for uuid fields`},
		{"x:string:optional:default=a", `optional and default= together`},
		{"x:text:filter", `a text field cannot be a filter`},
		{"x:float:filter", `a float field cannot be a filter`},
		{"limit:int:filter", `a filter named "limit" would clash with the list parameter limit`},
		{"x:string:optional:sort", `an optional field cannot be a sort key`},
		{"x:bool:sort", `a bool field cannot be a sort key`},
		{"x:date:sort", `a date field cannot be a sort key`},
		{"x:int:search", `a int field cannot be searched`},
		{"x:string:index:unique", `:index and :unique together`},
		{"x:ref=users:index", `:index on a ref (drop :index (references are indexed already))`},
	} {
		_, err := ParseField(tc.arg)
		if err == nil {
			t.Errorf("%s: no error, want %q", tc.arg, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:\n got %s\nwant %s", tc.arg, err, tc.want)
		}
		if !strings.HasPrefix(err.Error(), `field "`+tc.arg+`": `) {
			t.Errorf("%s: error does not name the argument: %s", tc.arg, err)
		}
	}
}
