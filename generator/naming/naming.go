// Package naming computes every spelling of a name that the generated code
// uses. The Go names must agree with what oapi-codegen and sqlc emit for the
// same spec and schema, so those two algorithms are mirrored here (and pinned
// by tests against the tools' real output).
package naming

import (
	"go/token"
	"strings"
	"unicode"

	"github.com/jinzhu/inflection"
)

// Singular returns the singular form of a snake_case plural ("order_items"
// -> "order_item"); only the last word is inflected.
func Singular(s string) string {
	i := strings.LastIndex(s, "_")
	return s[:i+1] + inflection.Singular(s[i+1:])
}

// Plural returns the plural form of a snake_case singular.
func Plural(s string) string {
	i := strings.LastIndex(s, "_")
	return s[:i+1] + inflection.Plural(s[i+1:])
}

// Words splits a snake_case or kebab-case name into lower-case words.
func Words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Pascal joins words as an exported Go identifier with common initialisms
// ("customer_id" -> "CustomerID").
func Pascal(s string) string {
	var b strings.Builder
	for _, w := range Words(s) {
		if up, ok := initialisms[w]; ok {
			b.WriteString(up)
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	out := b.String()
	if out != "" && unicode.IsDigit(rune(out[0])) {
		out = "X" + out
	}
	return out
}

// Camel is Pascal with the first word lower-cased ("customer_id" ->
// "customerID"); Go keywords get a trailing underscore.
func Camel(s string) string {
	words := Words(s)
	if len(words) == 0 {
		return ""
	}
	out := words[0] + Pascal(strings.Join(words[1:], "_"))
	if unicode.IsDigit(rune(out[0])) {
		out = "x" + out
	}
	if token.IsKeyword(out) || predeclared[out] {
		out += "_"
	}
	return out
}

// Kebab joins words with dashes, for URLs ("order_items" -> "order-items").
func Kebab(s string) string { return strings.Join(Words(s), "-") }

// Package returns a Go package name: lower-case letters and digits only.
func Package(s string) string {
	p := strings.Join(Words(s), "")
	if token.IsKeyword(p) || predeclared[p] {
		p += "svc"
	}
	return p
}

// Title returns the human form ("order_items" -> "order items").
func Title(s string) string { return strings.Join(Words(s), " ") }

// predeclared names that make confusing or broken local identifiers.
var predeclared = map[string]bool{
	"string": true, "int": true, "error": true, "bool": true, "byte": true, "len": true,
	"cap": true, "new": true, "make": true, "copy": true, "append": true, "nil": true,
	"true": true, "false": true, "any": true, "close": true, "delete": true, "print": true,
	"panic": true, "recover": true, "rune": true, "float64": true, "int64": true, "min": true,
	"max": true, "clear": true, "iota": true, "complex": true, "real": true, "imag": true,
	"errors": true, "context": true, "sql": true, "time": true, "http": true, "json": true,
	"api": true, "store": true, "errs": true, "uuid": true, "fmt": true,
	// the packages of a generated project, whose names a resource's
	// package must not take
	"app": true, "deps": true, "db": true, "httpx": true, "auth": true,
	"idempotency": true, "pagination": true, "testutil": true,
}
