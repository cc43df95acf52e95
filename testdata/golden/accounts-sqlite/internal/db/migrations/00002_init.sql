-- +goose Up
CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL CONSTRAINT notes_owner_id_fkey REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT,
    pinned BOOLEAN NOT NULL DEFAULT FALSE,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX notes_created_at_id_idx ON notes (created_at, id);
CREATE INDEX notes_owner_id_idx ON notes (owner_id);
CREATE INDEX notes_pinned_filter_idx ON notes (pinned);
CREATE INDEX notes_title_id_idx ON notes (title, id);

CREATE TABLE tags (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX tags_name_key ON tags (name);
CREATE INDEX tags_name_id_idx ON tags (name, id);

-- +goose Down
PRAGMA defer_foreign_keys = ON;
DROP TABLE tags;
DROP TABLE notes;
