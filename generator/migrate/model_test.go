package migrate

import (
	"github.com/gobackend/gobackend/generator/model"
	"github.com/gobackend/gobackend/generator/naming"
)

// This file builds models the way generator/model resolves them, without
// going through a manifest and a spec for each variation.

type fieldOpt func(*model.Field)

func optional(f *model.Field) { f.Nullable = true }
func unique(f *model.Field)   { f.Unique = true }

func dflt(v string) fieldOpt {
	return func(f *model.Field) { f.HasDefault, f.Default = true, v }
}

func enum(vals ...string) fieldOpt {
	return func(f *model.Field) { f.Type, f.Enum = "enum", vals }
}

func field(name, typ string, opts ...fieldOpt) *model.Field {
	f := &model.Field{Name: name, Column: name, Type: typ}
	if naming.SQLReserved(name) {
		f.Column = `"` + name + `"`
	}
	for _, o := range opts {
		o(f)
	}
	return f
}

// resource builds a resource with timestamps. Unique fields get a unique
// group, as the resolver does for unique: [[field]].
func resource(table string, fields ...*model.Field) *model.Resource {
	r := &model.Resource{Key: table, Table: table, IDType: "uuid", Timestamps: true, Fields: fields}
	for _, f := range fields {
		if f.Unique {
			r.Uniques = append(r.Uniques, []*model.Field{f})
		}
	}
	return r
}

// col finds a column of r, including id and the timestamps, as the
// resolver's lookups do for sorts, filters and indexes.
func col(r *model.Resource, name string) *model.Field {
	for _, f := range r.Columns() {
		if f.Name == name {
			return f
		}
	}
	panic("no field " + name)
}

func ref(r *model.Resource, fieldName string, target *model.Resource) {
	for _, f := range r.Fields {
		if f.Name == fieldName {
			f.Ref = target
			return
		}
	}
	panic("no field " + fieldName)
}

func project(rs ...*model.Resource) *model.Project { return &model.Project{Resources: rs} }

// steps is the sequence of models the chain tests walk through. Each step
// exercises a group of changes; together they cover every kind the diff
// handles, on tables that hold rows.
func steps() []*Schema {
	var out []*Schema

	// A: two tables with a reference, an enum with a default, uniques,
	// composite and sort indexes, a filter, a reserved column name.
	customers := resource("customers", field("name", "string"), field("email", "string", unique), field("phone", "string", optional))
	orders := resource("orders",
		field("customer_id", "uuid"), field("number", "string", unique),
		field("status", "", enum("pending", "paid"), dflt("pending")),
		field("total", "decimal"), field("note", "text", optional), field("order", "int", optional),
		field("placed_at", "time", optional))
	ref(orders, "customer_id", customers)
	orders.Indexes = [][]*model.Field{{col(orders, "status"), col(orders, "created_at")}}
	orders.Sorts = []*model.Sort{{Field: col(orders, "created_at")}, {Field: col(orders, "number")}}
	orders.Filters = []*model.Field{col(orders, "status"), col(orders, "customer_id")}
	customers.Sorts = []*model.Sort{{Field: col(customers, "name")}}
	customers.Filters = []*model.Field{col(customers, "phone")}
	out = append(out, FromModel(project(customers, orders)))

	// B: new table; columns added in place (nullable, default, reference
	// to the new table) and one needing a rebuild (NOT NULL, no default);
	// a column dropped; an index added.
	products := resource("products", field("sku", "string", unique), field("price", "float"), field("qty", "int", dflt("0")))
	customers.Fields = []*model.Field{customers.Fields[0], customers.Fields[1]} // drop phone
	customers.Filters = nil
	orders.Fields = append(orders.Fields, field("priority", "int", optional), field("code", "string", dflt("X")),
		field("product_id", "uuid", optional))
	ref(orders, "product_id", products)
	customers.Fields = append(customers.Fields, field("vip", "bool", dflt("false")))
	products.Indexes = [][]*model.Field{{col(products, "price")}}
	out = append(out, FromModel(project(customers, orders, products)))

	// C: widen and narrow types, enum gains a value, nullability both ways
	// (NOT NULL with a default fills NULLs), defaults change, a reference
	// is dropped, a unique and an index are dropped, a reference to an
	// existing column is added.
	col(orders, "status").Enum = []string{"pending", "paid", "shipped"}
	col(orders, "note").Nullable = false
	col(orders, "note").HasDefault, col(orders, "note").Default = true, "none"
	col(orders, "customer_id").Nullable = true
	col(orders, "total").Type = "float"
	col(orders, "priority").Type = "bigint"
	col(orders, "code").Default = "Y"
	col(orders, "product_id").Ref = nil
	col(orders, "order").Type = "text"
	col(customers, "email").Unique = false
	customers.Uniques = nil
	customers.Sorts = nil
	products.Indexes = nil
	col(products, "qty").HasDefault = false
	customers.Fields = append(customers.Fields, field("best_product_id", "uuid", optional))
	ref(customers, "best_product_id", products)
	out = append(out, FromModel(project(customers, orders, products)))

	// D: a table is dropped (the reference to it goes first), a new
	// self-referencing table, an enum loses a value, a column becomes an
	// enum, composite unique, timestamps removed.
	customers.Fields = customers.Fields[:len(customers.Fields)-1]
	categories := resource("categories", field("title", "string"), field("parent_id", "uuid", optional))
	ref(categories, "parent_id", categories)
	col(orders, "status").Enum = []string{"pending", "shipped"}
	col(orders, "code").Type, col(orders, "code").Enum = "enum", []string{"X", "Y"}
	orders.Uniques = append(orders.Uniques, []*model.Field{col(orders, "customer_id"), col(orders, "code")})
	categories.Timestamps = false
	out = append(out, FromModel(project(customers, orders, categories)))

	// E: two new tables referencing each other (a cycle), and categories
	// gains timestamps back (NOT NULL without default on an empty table).
	a := resource("authors", field("name", "string"), field("latest_book_id", "uuid", optional))
	bk := resource("books", field("title", "string"), field("author_id", "uuid"))
	ref(a, "latest_book_id", bk)
	ref(bk, "author_id", a)
	categories.Timestamps = true
	out = append(out, FromModel(project(customers, orders, categories, a, bk)))
	return out
}
