package edit

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/gobackend/gobackend/generator/naming"
)

// Names are the spellings of a resource name that the edit writes. They
// are derived from the manifest key exactly as generator/model derives
// them, so what is written here is what the generator will look for.
type Names struct {
	Key      string // manifest key, plural snake_case: "order_items"
	Singular string // "order_item"
	Schema   string // component schema: "OrderItem"
	GoPlural string // "OrderItems"
	Package  string // Go package of the service layer: "orderitems"
	Store    string // sqlc row type: "OrderItem"
	Path     string // collection path: "/order-items"
	Title    string // "order item"
	TitlePl  string // "order items"
}

var keyRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// ResourceNames turns NAME as the user typed it (Person, people, order_item,
// OrderItems, order-items) into every spelling the project uses.
func ResourceNames(name string) (Names, error) {
	s := snake(name)
	if !keyRE.MatchString(s) || naming.Singular(s) == "" {
		return Names{}, &Error{Kind: "resource", Arg: name, Msg: "not a valid resource name",
			Hint: "use letters, digits and underscores, starting with a letter, e.g. order_items"}
	}
	key := naming.Plural(naming.Singular(s))
	single := naming.Singular(key)
	return Names{
		Key:      key,
		Singular: single,
		Schema:   naming.Pascal(single),
		GoPlural: naming.Pascal(key),
		Package:  naming.Package(key),
		Store:    naming.SqlcStruct(key),
		Path:     "/" + naming.Kebab(key),
		Title:    naming.Title(single),
		TitlePl:  naming.Title(key),
	}, nil
}

// Key normalises a resource name the way ResourceNames does, for ref=.
func Key(name string) string {
	n, err := ResourceNames(name)
	if err != nil {
		return name
	}
	return n.Key
}

// snake turns "OrderItems", "orderItems", "order-items" or "HTTPLogs" into
// lower snake_case ("order_items", "http_logs"). Anything that is not a
// letter or digit separates words.
func snake(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch {
		case unicode.IsUpper(r):
			// A new word starts at an upper-case letter after a lower-case
			// one or a digit, or before a lower-case one in an acronym
			// ("HTTPLogs" -> http_logs).
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			acronymEnd := i > 0 && unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if (prevLower || acronymEnd) && b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
		}
	}
	return strings.TrimRight(b.String(), "_")
}

// article is "a" or "an" for a noun, for summaries such as "Create an order".
func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeio", rune(noun[0])) {
		return "an"
	}
	return "a"
}

// reservedPackages are the generated project's own packages under
// internal/ (including those of optional features): a resource whose
// service package had one of these names would overwrite it.
var reservedPackages = []string{"api", "app", "db", "errs", "httpx", "testutil", "pagination", "store",
	"auth", "cache", "jobs", "mail", "search", "storage", "realtime", "webhooks", "observability", "migrations", "queries"}
