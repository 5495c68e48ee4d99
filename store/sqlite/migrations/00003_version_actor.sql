-- Who made a version and why, for changes made by people on the site.

-- +goose Up
ALTER TABLE versions ADD COLUMN actor TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN note  TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE versions DROP COLUMN note;
ALTER TABLE versions DROP COLUMN actor;
