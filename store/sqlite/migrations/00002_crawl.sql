-- What the crawler keeps between runs (store.CrawlState).

-- +goose Up
CREATE TABLE crawl_pages (
    source        TEXT NOT NULL,
    url           TEXT NOT NULL,
    etag          TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    hash          TEXT NOT NULL,
    memo          TEXT NOT NULL,
    fetched_at    TEXT NOT NULL,
    PRIMARY KEY (source, url)
) WITHOUT ROWID;

CREATE TABLE crawl_checkpoints (
    source TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE crawl_runs (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL,
    started      TEXT    NOT NULL,
    finished     TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
    fetched      INTEGER NOT NULL DEFAULT 0,
    not_modified INTEGER NOT NULL DEFAULT 0,
    new          INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    high_water   TEXT    NOT NULL DEFAULT '',
    errors       TEXT    NOT NULL DEFAULT '[]' -- JSON array of {url, reason}
);
CREATE INDEX crawl_runs_source ON crawl_runs (source, id);

-- +goose Down
DROP TABLE crawl_runs;
DROP TABLE crawl_checkpoints;
DROP TABLE crawl_pages;
