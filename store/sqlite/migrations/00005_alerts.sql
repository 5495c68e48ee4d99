-- Alert subscriptions and the delivery outbox (store.Alerts). Times are
-- formatTime text, which sorts as the instants do; '' is "none".

-- +goose Up
CREATE TABLE subscriptions (
    id             INTEGER PRIMARY KEY,
    -- NOCASE: one address however it is typed, for the manage page.
    email          TEXT    NOT NULL COLLATE NOCASE CHECK (email <> ''),
    lang           TEXT    NOT NULL,
    label          TEXT    NOT NULL,
    frequency      TEXT    NOT NULL CHECK (frequency IN ('immediate', 'daily', 'weekly')),
    remind_days    INTEGER NOT NULL CHECK (remind_days BETWEEN 0 AND 90),
    channel        TEXT    NOT NULL CHECK (channel IN ('email', 'webhook')),
    webhook_url    TEXT    NOT NULL,
    webhook_secret TEXT    NOT NULL,
    feed_token     TEXT    NOT NULL UNIQUE CHECK (feed_token <> ''),
    status         TEXT    NOT NULL CHECK (status IN ('pending', 'active', 'paused', 'unsubscribed')),
    criteria       TEXT    NOT NULL, -- JSON: the kb.Subscription without its id
    created        TEXT    NOT NULL,
    updated        TEXT    NOT NULL,
    confirmed      TEXT    NOT NULL DEFAULT '',
    CHECK (channel <> 'webhook' OR webhook_url <> '')
);
CREATE INDEX subscriptions_email ON subscriptions (email);
CREATE INDEX subscriptions_status ON subscriptions (status);

-- A counter bumped by every change to subscriptions, whoever makes it: the
-- matcher's stamp. Times cannot serve, two changes may share a clock tick.
CREATE TABLE subscriptions_rev (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    rev INTEGER NOT NULL
);
INSERT INTO subscriptions_rev (id, rev) VALUES (1, 0);

-- +goose StatementBegin
CREATE TRIGGER subscriptions_rev_insert AFTER INSERT ON subscriptions BEGIN
    UPDATE subscriptions_rev SET rev = rev + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER subscriptions_rev_update AFTER UPDATE ON subscriptions BEGIN
    UPDATE subscriptions_rev SET rev = rev + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER subscriptions_rev_delete AFTER DELETE ON subscriptions BEGIN
    UPDATE subscriptions_rev SET rev = rev + 1;
END;
-- +goose StatementEnd

-- One row per (subscription, notification, kind): queuing twice queues once.
-- The unique index also serves the lookups by subscription.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    notification    TEXT    NOT NULL CHECK (notification <> ''),
    kind            TEXT    NOT NULL CHECK (kind IN ('alert', 'reminder')),
    created         TEXT    NOT NULL,
    due             TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt    TEXT    NOT NULL DEFAULT '',
    last_error      TEXT    NOT NULL DEFAULT '',
    sent            TEXT    NOT NULL DEFAULT '',
    message_id      TEXT    NOT NULL DEFAULT '',
    -- A sender's lease: until then no other sender takes the entry.
    claimed_until   TEXT    NOT NULL DEFAULT '',
    not_relevant    INTEGER NOT NULL DEFAULT 0 CHECK (not_relevant IN (0, 1)),
    feedback_at     TEXT    NOT NULL DEFAULT '',
    UNIQUE (subscription_id, notification, kind)
);
CREATE INDEX deliveries_due ON deliveries (state, due);

-- +goose Down
DROP TABLE deliveries;
DROP TRIGGER subscriptions_rev_delete;
DROP TRIGGER subscriptions_rev_update;
DROP TRIGGER subscriptions_rev_insert;
DROP TABLE subscriptions_rev;
DROP TABLE subscriptions;
