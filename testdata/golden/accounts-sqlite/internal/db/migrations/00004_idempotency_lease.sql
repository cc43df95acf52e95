-- +goose Up
-- A reservation of an Idempotency-Key is a lease: the request that holds it
-- (lease) may complete it until locked_until. A request that died there (a
-- crash, kill -9) leaves a lease that expires, so a retry runs, instead of a
-- key that stays "in progress".
ALTER TABLE idempotency_keys ADD COLUMN lease TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ADD COLUMN locked_until DATETIME NOT NULL DEFAULT '1970-01-01 00:00:00';

-- +goose Down
ALTER TABLE idempotency_keys DROP COLUMN locked_until;
ALTER TABLE idempotency_keys DROP COLUMN lease;
