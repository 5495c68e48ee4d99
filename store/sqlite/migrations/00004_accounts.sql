-- Staff accounts and their login sessions (store.Accounts).

-- +goose Up
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    -- NOCASE: "Alice" and "alice" are one account, for uniqueness and login.
    name          TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('reader', 'curator', 'reviewer', 'admin')),
    password_hash TEXT    NOT NULL CHECK (password_hash <> ''),
    created       TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

-- Only the SHA-256 of a session token is kept, never the token.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf       TEXT    NOT NULL,
    created    TEXT    NOT NULL,
    expires    TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires);

-- +goose Down
DROP TABLE sessions;
DROP TABLE users;
