// Package content holds the knowledge base shipped inside the binary: the
// seed records (JSON Lines under seed/) and the market guides (Markdown
// under guides/), and renders the guides with goldmark.
package content

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed seed guides glossary.tsv eval
var files embed.FS

// Seed returns the seed record files (seed/*.jsonl), in name order.
func Seed() fs.FS {
	sub, err := fs.Sub(files, "seed")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// Guides returns the guide sources (guides/*.md).
func GuidesFS() fs.FS {
	sub, err := fs.Sub(files, "guides")
	if err != nil {
		panic(err)
	}
	return sub
}

// EvalSets names the embedded search relevance sets: the development set
// that search was tuned on, and a held-out set written afterwards and
// never tuned on, which tells whether the tuning generalises.
var EvalSets = []string{"dev", "holdout"}

// EvalSet returns one embedded relevance set: queries (query-id<TAB>text)
// and TREC qrels, as content/eval holds them.
func EvalSet(name string) (queries, qrels []byte, err error) {
	dir := "eval"
	switch name {
	case "dev":
	case "holdout":
		dir = "eval/holdout"
	default:
		return nil, nil, fmt.Errorf("no relevance set %q (have %s)", name, strings.Join(EvalSets, ", "))
	}
	if queries, err = files.ReadFile(dir + "/queries.tsv"); err != nil {
		return nil, nil, err
	}
	if qrels, err = files.ReadFile(dir + "/qrels.txt"); err != nil {
		return nil, nil, err
	}
	return queries, qrels, nil
}

// MappingPairs returns the embedded development set of true
// foreign↔GB adoption pairs (foreign-id<TAB>gb-id<TAB>degree).
func MappingPairs() ([]byte, error) {
	b, err := fs.ReadFile(files, "eval/mappings/pairs.tsv")
	if err != nil {
		return nil, fmt.Errorf("mapping pairs: %w", err)
	}
	return b, nil
}

// AlertSet returns the embedded alert development set: the judged
// subscriptions (JSON Lines) and their expected matches (TSV).
func AlertSet() (subscriptions, expected []byte, err error) {
	if subscriptions, err = fs.ReadFile(files, "eval/alerts/subscriptions.jsonl"); err != nil {
		return nil, nil, fmt.Errorf("alert set: %w", err)
	}
	if expected, err = fs.ReadFile(files, "eval/alerts/expected.tsv"); err != nil {
		return nil, nil, fmt.Errorf("alert set: %w", err)
	}
	return subscriptions, expected, nil
}
