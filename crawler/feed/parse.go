// Package feed reads RSS 2.0 and Atom 1.0 feeds of regulatory news and
// turns the entries that name a WTO notification, a TRIS notification or
// an EU act into records; the rest are reported as skipped, never guessed.
package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Feed is a feed as read: its title and link, and its entries in order.
type Feed struct {
	Title string
	Link  string
	Items []Item
}

// Item is one RSS item or Atom entry, as plain text where the feed gave
// HTML in titles.
type Item struct {
	Title   string
	Link    string
	ID      string // RSS guid, Atom id
	Summary string // as given: often HTML
	// Published is the entry's date (RSS pubDate or dc:date, Atom
	// published, else updated), in the zone the feed wrote it in; zero
	// when there is none or it cannot be read (DateText keeps it).
	Published time.Time `json:",omitzero"`
	DateText  string    `json:",omitempty"`
}

// ParseFeed reads an RSS (0.9x, 2.0) or Atom 1.0 document. It fails on
// anything else — an HTML page, JSON, RSS 1.0 (RDF) — and on truncated
// or malformed XML.
func ParseFeed(body []byte) (*Feed, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errors.New("parse feed: empty body")
	}
	if b := bytes.TrimSpace(body); b[0] == '{' || b[0] == '[' {
		return nil, errors.New("parse feed: got JSON, not RSS or Atom")
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charsetReader
	// Feeds in the wild use HTML entities (&nbsp;) and bare ampersands in
	// links; the lenient mode keeps those as written. Unclosed or
	// mismatched elements — a truncated body — are still errors.
	d.Strict = false
	d.Entity = xml.HTMLEntity
	root, err := rootElement(d)
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	var f *Feed
	switch strings.ToLower(root.Name.Local) {
	case "rss":
		var doc rssDoc
		if err := d.DecodeElement(&doc, &root); err != nil {
			return nil, fmt.Errorf("parse feed: truncated or malformed RSS: %w", err)
		}
		if doc.Channel == nil {
			return nil, errors.New("parse feed: RSS without a <channel>")
		}
		f = doc.Channel.feed()
	case "feed":
		var doc atomFeed
		if err := d.DecodeElement(&doc, &root); err != nil {
			return nil, fmt.Errorf("parse feed: truncated or malformed Atom: %w", err)
		}
		f = doc.feed()
	case "html":
		return nil, errors.New("parse feed: got an HTML page, not RSS or Atom")
	case "rdf":
		return nil, errors.New("parse feed: RSS 1.0 (RDF) is not supported")
	default:
		return nil, fmt.Errorf("parse feed: root element <%s> is neither RSS (<rss>) nor Atom (<feed>)", root.Name.Local)
	}
	// Whatever follows the root must be well-formed too: a body cut
	// after the root's end tag is whole, but garbage after it is not.
	if err := rest(d); err != nil {
		return nil, fmt.Errorf("parse feed: after the root element: %w", err)
	}
	return f, nil
}

// rootElement skips the prolog (declaration, comments, doctype) to the
// first element.
func rootElement(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return xml.StartElement{}, errors.New("no root element: not XML")
		}
		if err != nil {
			if strings.Contains(err.Error(), "charset") {
				return xml.StartElement{}, err
			}
			return xml.StartElement{}, fmt.Errorf("not XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.StartElement{}, errors.New("not XML: text before the root element")
			}
		}
	}
}

func rest(d *xml.Decoder) error {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return fmt.Errorf("a second root element <%s>", t.Name.Local)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return errors.New("text after the root element")
			}
		}
	}
}
