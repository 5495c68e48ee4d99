// Package content holds the knowledge base shipped inside the binary: the
// seed records (JSON Lines under seed/) and the market guides (Markdown
// under guides/), and renders the guides with goldmark.
package content

import (
	"embed"
	"io/fs"
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

// EvalSet returns the search development set: queries (query-id<TAB>text)
// and TREC qrels, as content/eval holds them.
func EvalSet() (queries, qrels []byte, err error) {
	if queries, err = files.ReadFile("eval/queries.tsv"); err != nil {
		return nil, nil, err
	}
	if qrels, err = files.ReadFile("eval/qrels.txt"); err != nil {
		return nil, nil, err
	}
	return queries, qrels, nil
}
