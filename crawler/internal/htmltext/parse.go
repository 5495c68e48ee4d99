package htmltext

import (
	"bytes"
	"fmt"

	"golang.org/x/net/html"
)

// Parse parses a whole HTML page. The parser repairs anything, so
// callers that must tell a truncated page from a whole one check that
// themselves.
func Parse(body []byte) (*html.Node, error) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	return doc, nil
}
