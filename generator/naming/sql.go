package naming

// SQLReserved reports whether a name is a word reserved by SQLite or
// PostgreSQL, which the generated SQL must quote. The model (queries) and
// the migrations both ask here, so they always quote the same names.
func SQLReserved(name string) bool { return sqlReserved[name] }

// sqlReserved holds the reserved words that are plausible column names.
var sqlReserved = map[string]bool{
	"all": true, "analyse": true, "analyze": true, "and": true, "any": true, "array": true, "as": true,
	"asc": true, "authorization": true, "between": true, "binary": true, "both": true, "case": true,
	"cast": true, "check": true, "collate": true, "column": true, "constraint": true, "create": true,
	"cross": true, "current_date": true, "current_time": true, "current_timestamp": true,
	"current_user": true, "default": true, "deferrable": true, "delete": true, "desc": true,
	"distinct": true, "do": true, "drop": true, "else": true, "end": true, "escape": true, "except": true,
	"exists": true, "false": true, "fetch": true, "for": true, "foreign": true, "from": true, "full": true,
	"grant": true, "group": true, "having": true, "in": true, "index": true, "initially": true,
	"inner": true, "insert": true, "intersect": true, "into": true, "is": true, "isnull": true,
	"join": true, "key": true, "lateral": true, "leading": true, "left": true, "like": true, "limit": true,
	"localtime": true, "localtimestamp": true, "natural": true, "not": true, "notnull": true,
	"null": true, "offset": true, "on": true, "only": true, "or": true, "order": true, "outer": true,
	"overlaps": true, "placing": true, "primary": true, "references": true, "returning": true,
	"right": true, "select": true, "session_user": true, "set": true, "similar": true, "some": true,
	"symmetric": true, "table": true, "then": true, "to": true, "trailing": true, "true": true,
	"union": true, "unique": true, "update": true, "user": true, "using": true, "values": true,
	"variadic": true, "verbose": true, "when": true, "where": true, "window": true, "with": true,
}
