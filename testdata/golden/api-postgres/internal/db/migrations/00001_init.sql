-- +goose Up
CREATE TABLE customers (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT customers_email_key UNIQUE (email)
);
CREATE INDEX customers_created_at_id_idx ON customers (created_at, id);
CREATE INDEX customers_name_id_idx ON customers (name, id);

CREATE TABLE orders (
    id UUID PRIMARY KEY,
    customer_id UUID NOT NULL CONSTRAINT orders_customer_id_fkey REFERENCES customers (id),
    number TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
    total NUMERIC NOT NULL,
    note TEXT,
    placed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT orders_number_key UNIQUE (number)
);
CREATE INDEX orders_created_at_id_idx ON orders (created_at, id);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_number_id_idx ON orders (number, id);
CREATE INDEX orders_status_created_at_idx ON orders (status, created_at);
CREATE INDEX orders_status_filter_idx ON orders (status);

-- +goose Down
DROP TABLE orders;
DROP TABLE customers;
