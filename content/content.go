// Package content holds the knowledge base shipped inside the binary: the
// seed records (JSON Lines under seed/) and the market guides (Markdown
// under guides/), and renders the guides with goldmark.
package content

import (
	"embed"
	"io/fs"
)

//go:embed seed guides
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
