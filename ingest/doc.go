// Package ingest reads and writes the files records come in and go out
// by — JSON Lines (docs/jsonl.md) and ePing's "Export search results" as
// CSV or XLSX — and is the one way records get into the store: every
// record is normalised and checked, a whole file is checked before any of
// it is written, and a file is written as one batch.
package ingest
