package naming

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// OapiField returns the Go field or type name oapi-codegen v2 derives from a
// JSON name with the ToCamelCaseWithInitialisms normalizer.
func OapiField(name string) string {
	out := OapiCamel(name)
	if r, _ := utf8.DecodeRuneInString(out); out == "" || unicode.IsDigit(r) {
		out = "N" + out
	}
	return out
}

// OapiCamel mirrors oapi-codegen's ToCamelCaseWithInitialisms, without the
// fixes for an empty result or a leading digit, which oapi-codegen applies
// differently to fields and to operations.
func OapiCamel(s string) string {
	parts := oapiParts.FindAllString(oapiCamelWithDigits(s), -1)
	for i := range parts {
		if v, ok := oapiInitialisms[strings.ToLower(parts[i])]; ok {
			parts[i] = v
		}
	}
	return strings.Join(parts, "")
}

var oapiParts = regexp.MustCompile(`[\p{Lu}\d]+([\p{Ll}\d]+|$)`)

// oapiCamelWithDigits mirrors oapi-codegen's ToCamelCaseWithDigits.
func oapiCamelWithDigits(s string) string {
	var b strings.Builder
	capNext := true
	for _, v := range s {
		switch {
		case unicode.IsUpper(v):
			b.WriteRune(v)
			capNext = false
		case unicode.IsDigit(v):
			b.WriteRune(v)
			capNext = true
		case unicode.IsLower(v):
			if capNext {
				v = unicode.ToUpper(v)
			}
			b.WriteRune(v)
			capNext = false
		default:
			capNext = true
		}
	}
	return b.String()
}

var oapiInitialisms = func() map[string]string {
	m := map[string]string{}
	for _, w := range []string{
		"ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP", "JSON",
		"QPS", "RAM", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL", "UDP", "UI", "GID", "UID", "UUID",
		"URI", "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS", "SIP", "RTP", "AMQP", "DB", "TS",
	} {
		m[strings.ToLower(w)] = w
	}
	return m
}()

// SqlcField returns the Go field name sqlc derives from a column name with
// its default initialisms (only "id").
func SqlcField(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return '_'
	}, name)
	var out string
	for _, p := range strings.Split(name, "_") {
		if p == "id" {
			out += "ID"
		} else if p != "" {
			out += strings.ToUpper(p[:1]) + p[1:]
		}
	}
	if r, _ := utf8.DecodeRuneInString(out); unicode.IsDigit(r) {
		return "_" + out
	}
	return out
}

// SqlcStruct returns the Go type name sqlc gives the model of a table.
func SqlcStruct(table string) string { return SqlcField(Singular(table)) }

var initialisms = map[string]string{
	"id": "ID", "url": "URL", "uri": "URI", "http": "HTTP", "api": "API", "json": "JSON",
	"sql": "SQL", "uuid": "UUID", "ip": "IP", "html": "HTML", "xml": "XML",
}
