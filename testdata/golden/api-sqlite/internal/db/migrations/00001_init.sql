-- +goose Up
CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX customers_email_key ON customers (email);
CREATE INDEX customers_created_at_id_idx ON customers (created_at, id);
CREATE INDEX customers_name_id_idx ON customers (name, id);

CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL CONSTRAINT orders_customer_id_fkey REFERENCES customers (id),
    number TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
    total TEXT NOT NULL,
    note TEXT,
    placed_at DATETIME,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX orders_number_key ON orders (number);
CREATE INDEX orders_created_at_id_idx ON orders (created_at, id);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_number_id_idx ON orders (number, id);
CREATE INDEX orders_status_created_at_idx ON orders (status, created_at);
CREATE INDEX orders_status_filter_idx ON orders (status);

-- +goose Down
PRAGMA defer_foreign_keys = ON;
DROP TABLE orders;
DROP TABLE customers;
