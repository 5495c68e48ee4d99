// Package kb holds stdbridge's domain types — standards, WTO notifications,
// regulations, mappings and requirements — and the parsers that turn
// identifiers written in any common spelling into one canonical form.
//
// The JSON tags of the record types are the JSON Lines interchange format
// documented in docs/jsonl.md; kb imports nothing else of ours.
package kb
