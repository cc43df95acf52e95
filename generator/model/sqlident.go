package model

import "github.com/gobackend/gobackend/generator/naming"

// quoteIdent quotes a column name that is a reserved word in SQLite or
// PostgreSQL. Both accept double-quoted identifiers.
func quoteIdent(name string) string {
	if naming.SQLReserved(name) {
		return `"` + name + `"`
	}
	return name
}
