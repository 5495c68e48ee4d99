-- The first schema. Every kind has its own table holding the canonical key,
-- the record as canonical JSON (the interchange format) and copies of the
-- fields the readers filter and sort on. id is the row's stable identity:
-- a notification's key changes when it gains its symbol, its row does not.

-- +goose Up
CREATE TABLE standards (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL UNIQUE,
    json       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT    NOT NULL,
    publisher  TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    issued     TEXT    NOT NULL
);
CREATE INDEX standards_publisher ON standards (publisher);

CREATE TABLE notifications (
    id               INTEGER PRIMARY KEY,
    key              TEXT    NOT NULL UNIQUE,
    json             TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    updated_at       TEXT    NOT NULL,
    symbol           TEXT    UNIQUE,   -- NULL until the symbol is known
    natural_key      TEXT    NOT NULL,
    member           TEXT    NOT NULL,
    area             TEXT    NOT NULL,
    type             TEXT    NOT NULL,
    distributed      TEXT    NOT NULL,
    comment_deadline TEXT    NOT NULL,
    root             TEXT              -- root symbol; NULL without a symbol
);
-- Without a symbol the natural key is the identity. Records with symbols may
-- share one (sparse records with only a symbol all have "EU|TBT||").
CREATE UNIQUE INDEX notifications_natural_unsymbolled ON notifications (natural_key) WHERE symbol IS NULL;
CREATE INDEX notifications_natural ON notifications (natural_key);
CREATE INDEX notifications_root ON notifications (root, distributed, symbol);
CREATE INDEX notifications_distributed ON notifications (distributed DESC, key);
CREATE INDEX notifications_member ON notifications (member, distributed DESC);

CREATE TABLE regulations (
    id           INTEGER PRIMARY KEY,
    key          TEXT    NOT NULL UNIQUE,
    json         TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    updated_at   TEXT    NOT NULL,
    jurisdiction TEXT    NOT NULL
);

CREATE TABLE mappings (
    id              INTEGER PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,
    json            TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    updated_at      TEXT    NOT NULL,
    foreign_number  TEXT    NOT NULL,
    domestic_number TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    degree          TEXT    NOT NULL
);
CREATE INDEX mappings_foreign ON mappings (foreign_number);
CREATE INDEX mappings_domestic ON mappings (domestic_number);

CREATE TABLE requirements (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL UNIQUE,
    json       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    topic      TEXT    NOT NULL,
    parameter  TEXT    NOT NULL,
    scope      TEXT    NOT NULL
);
CREATE INDEX requirements_topic ON requirements (topic, parameter, scope, source);
CREATE INDEX requirements_source ON requirements (source);

-- Edges from records to standard numbers, rebuilt whenever a record changes.
CREATE TABLE links (
    from_kind  TEXT NOT NULL,
    from_key   TEXT NOT NULL,
    rel        TEXT NOT NULL,
    to_number  TEXT NOT NULL,
    to_undated TEXT NOT NULL,
    degree     TEXT NOT NULL,
    PRIMARY KEY (from_kind, from_key, rel, to_number)
) WITHOUT ROWID;
CREATE INDEX links_to_number ON links (to_number);
CREATE INDEX links_to_undated ON links (to_undated);

-- Every version ever stored, so an import never loses history.
CREATE TABLE versions (
    kind    TEXT    NOT NULL,
    key     TEXT    NOT NULL,
    version INTEGER NOT NULL,
    json    TEXT    NOT NULL,
    at      TEXT    NOT NULL,
    source  TEXT    NOT NULL,
    PRIMARY KEY (kind, key, version)
) WITHOUT ROWID;

-- The change log consumers follow by cursor. AUTOINCREMENT: a sequence
-- number is never reused, even after the last row is gone.
CREATE TABLE changes (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    TEXT NOT NULL,
    key     TEXT NOT NULL,
    old_key TEXT,
    op      TEXT NOT NULL CHECK (op IN ('insert', 'update')),
    at      TEXT NOT NULL,
    source  TEXT NOT NULL
);
CREATE INDEX changes_kind_key ON changes (kind, key);

CREATE TABLE cursors (
    consumer   TEXT    PRIMARY KEY,
    seq        INTEGER NOT NULL CHECK (seq >= 0),
    updated_at TEXT    NOT NULL
);

-- +goose Down
DROP TABLE cursors;
DROP TABLE changes;
DROP TABLE versions;
DROP TABLE links;
DROP TABLE requirements;
DROP TABLE mappings;
DROP TABLE regulations;
DROP TABLE notifications;
DROP TABLE standards;
