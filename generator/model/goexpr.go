package model

import (
	"fmt"
	"strconv"
	"strings"
)

// This file gives templates the Go expressions that move a field between
// the API types (oapi-codegen) and the store types (sqlc), so the templates
// stay free of type switches. The helper functions named here are rendered
// into the api package by templates/crud.

func (f *Field) stringish() bool {
	switch f.Type {
	case "string", "text", "decimal", "enum":
		return true
	}
	return false
}

// StoreType is the Go type sqlc uses for the column.
func (f *Field) StoreType() string {
	base, null := "", ""
	switch {
	case f.stringish(), f.Type == "uuid":
		base, null = "string", "sql.NullString"
	case f.Type == "int", f.Type == "bigint":
		base, null = "int64", "sql.NullInt64"
	case f.Type == "float":
		base, null = "float64", "sql.NullFloat64"
	case f.Type == "bool":
		base, null = "bool", "sql.NullBool"
	case f.Type == "time", f.Type == "date":
		base, null = "time.Time", "sql.NullTime"
	}
	if f.Nullable {
		return null
	}
	return base
}

// ToAPI converts a store value (expr) to the field of the response struct,
// which is a pointer when the field is nullable.
func (f *Field) ToAPI(expr string) string {
	switch {
	case f.stringish() || f.APIType == "openapi_types.Email":
		if f.Nullable {
			return fmt.Sprintf("ptrFromNullString[%s](%s)", f.APIType, expr)
		}
		return fmt.Sprintf("%s(%s)", f.APIType, expr)
	case f.Type == "uuid":
		if f.Nullable {
			return fmt.Sprintf("uuidPtrFromNull(%s)", expr)
		}
		return fmt.Sprintf("uuidFromStore(%s)", expr)
	case f.Type == "int" || f.Type == "bigint":
		if f.Nullable {
			return fmt.Sprintf("ptrFromNullInt64[%s](%s)", f.APIType, expr)
		}
		return fmt.Sprintf("%s(%s)", f.APIType, expr)
	case f.Type == "float":
		if f.Nullable {
			return fmt.Sprintf("ptrFromNullFloat64[%s](%s)", f.APIType, expr)
		}
		return fmt.Sprintf("%s(%s)", f.APIType, expr)
	case f.Type == "bool":
		if f.Nullable {
			return fmt.Sprintf("ptrFromNullBool(%s)", expr)
		}
		return expr
	case f.Type == "time":
		if f.Nullable {
			return fmt.Sprintf("timePtrFromNull(%s)", expr)
		}
		return expr + ".UTC()"
	case f.Type == "date":
		if f.Nullable {
			return fmt.Sprintf("datePtrFromNull(%s)", expr)
		}
		return fmt.Sprintf("openapi_types.Date{Time: %s}", expr)
	}
	return expr
}

// FromAPI converts a non-pointer API value to the non-null store type.
func (f *Field) FromAPI(expr string) string {
	switch {
	case f.stringish() || f.APIType == "openapi_types.Email":
		return fmt.Sprintf("string(%s)", expr)
	case f.Type == "uuid":
		return expr + ".String()"
	case f.Type == "int" || f.Type == "bigint":
		return fmt.Sprintf("int64(%s)", expr)
	case f.Type == "float":
		return fmt.Sprintf("float64(%s)", expr)
	case f.Type == "time":
		return fmt.Sprintf("storeTime(%s)", expr)
	case f.Type == "date":
		return expr + ".Time"
	}
	return expr
}

// FromAPIPtr converts a pointer API value (nil meaning NULL) to the nullable
// store type.
func (f *Field) FromAPIPtr(expr string) string {
	switch {
	case f.stringish() || f.APIType == "openapi_types.Email":
		return fmt.Sprintf("nullStringFrom(%s)", expr)
	case f.Type == "uuid":
		return fmt.Sprintf("nullUUIDFrom(%s)", expr)
	case f.Type == "int" || f.Type == "bigint":
		return fmt.Sprintf("nullInt64From(%s)", expr)
	case f.Type == "float":
		return fmt.Sprintf("nullFloat64From(%s)", expr)
	case f.Type == "bool":
		return fmt.Sprintf("nullBoolFrom(%s)", expr)
	case f.Type == "time":
		return fmt.Sprintf("nullTimeFrom(%s)", expr)
	case f.Type == "date":
		return fmt.Sprintf("nullDateFrom(%s)", expr)
	}
	return expr
}

// APIDefault is the field's default as a Go literal of its API type.
func (f *Field) APIDefault() string {
	switch {
	case f.Type == "enum":
		return fmt.Sprintf("%s(%q)", f.EnumType, f.Default)
	case f.stringish() || f.Type == "uuid":
		return strconv.Quote(f.Default)
	case f.APIType == "openapi_types.Email":
		return fmt.Sprintf("openapi_types.Email(%q)", f.Default)
	}
	return f.APIType + "(" + f.Default + ")"
}

// Normalize is the statement that normalises a store value in place, or "".
// Strings are trimmed and e-mail addresses lower-cased before they are
// validated by business rules and stored.
func (f *Field) Normalize(expr string) string {
	if f.Type != "string" {
		return ""
	}
	fn := "strings.TrimSpace"
	if f.APIType == "openapi_types.Email" {
		fn = "normalizeEmail"
	}
	if f.Nullable {
		return fmt.Sprintf("if %s.Valid { %s.String = %s(%s.String) }", expr, expr, fn, expr)
	}
	return fmt.Sprintf("%s = %s(%s)", expr, fn, expr)
}

// SQLType is the column type for a dialect.
func (f *Field) SQLType(db string) string { return SQLType(f.Type, db) }

// SQLType is the column type of a logical field type in a dialect; the
// migrations and the queries both use it, so sqlc sees the types the
// migrations create.
func SQLType(typ, db string) string {
	pg := db == "postgres"
	switch typ {
	case "uuid":
		if pg {
			return "UUID"
		}
		return "TEXT"
	case "int", "bigint":
		if pg {
			return "BIGINT"
		}
		return "INTEGER"
	case "float":
		if pg {
			return "DOUBLE PRECISION"
		}
		return "REAL"
	case "decimal":
		if pg {
			return "NUMERIC"
		}
		return "TEXT"
	case "bool":
		return "BOOLEAN"
	case "time":
		if pg {
			return "TIMESTAMPTZ"
		}
		return "DATETIME"
	case "date":
		return "DATE"
	}
	return "TEXT"
}

// SQLDefault is the column's DEFAULT clause value, or "".
func (f *Field) SQLDefault() string {
	if !f.HasDefault {
		return ""
	}
	switch {
	case f.stringish():
		return "'" + strings.ReplaceAll(f.Default, "'", "''") + "'"
	case f.Type == "bool":
		if f.Default == "true" {
			return "TRUE"
		}
		return "FALSE"
	case f.Type == "int" || f.Type == "bigint" || f.Type == "float":
		return f.Default
	}
	return ""
}

// SQLCheck is the CHECK constraint expression for an enum, or "".
func (f *Field) SQLCheck() string {
	if f.Type != "enum" {
		return ""
	}
	vals := make([]string, len(f.Enum))
	for i, v := range f.Enum {
		vals[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return fmt.Sprintf("%s IN (%s)", f.Column, strings.Join(vals, ", "))
}

// Email reports whether the field holds an e-mail address.
func (f *Field) Email() bool { return f.APIType == "openapi_types.Email" }
