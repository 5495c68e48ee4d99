package feed

import (
	"net/url"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// Entries are the records a feed's entries map to, and the entries that
// map to nothing.
type Entries struct {
	Records []kb.Record
	Skipped []Skip
}

// Skip is an entry left out, and why.
type Skip struct {
	Item   int // 0-based position in Feed.Items
	Title  string
	Reason string
}

// Records maps each entry: one naming a WTO symbol (in its title, guid,
// link or summary) to a WTO notification; one naming a TRIS number to a
// TRIS notification; one whose title cites an EU act to a regulation
// (with no dates or status: a news item does not say them). Anything else
// is skipped with a reason, as is a record that would not normalise.
func (f *Feed) Records() Entries {
	src := f.source()
	var e Entries
	for i, it := range f.Items {
		rec, reason := record(it, src)
		if rec == nil {
			e.Skipped = append(e.Skipped, Skip{Item: i, Title: it.Title, Reason: reason})
			continue
		}
		if err := normalizes(rec); err != nil {
			e.Skipped = append(e.Skipped, Skip{Item: i, Title: it.Title, Reason: "the record would not normalise: " + err.Error()})
			continue
		}
		e.Records = append(e.Records, rec)
	}
	return e
}

// source is what records from this feed carry in Sources.
func (f *Feed) source() string {
	if t := strings.TrimSpace(f.Title); t != "" {
		return "feed:" + t
	}
	if u, err := url.Parse(f.Link); err == nil && u.Host != "" {
		return "feed:" + u.Host
	}
	return "feed"
}

func record(it Item, src string) (kb.Record, string) {
	summary := plain(it.Summary)
	// Where a reference may be, in order: the title first, since only
	// there is it removed from the title.
	others := []string{it.ID, unescapeURL(it.Link), summary}
	date := kb.Date("")
	if !it.Published.IsZero() {
		date = kb.Date(it.Published.Format("2006-01-02"))
	}
	note := func(symbol string, title string) *kb.Notification {
		return &kb.Notification{
			Symbol:      symbol,
			Title:       title,
			Description: summary,
			Link:        it.Link,
			Distributed: date,
			Sources:     []string{src},
		}
	}
	if sym, sp, ok := findSymbol(it.Title); ok {
		return wto(note(sym.String(), without(it.Title, sp)), sym), ""
	}
	for _, s := range others {
		if sym, _, ok := findSymbol(s); ok {
			return wto(note(sym.String(), it.Title), sym), ""
		}
	}
	if t, sp, ok := findTRIS(it.Title); ok {
		return trisNote(note(t.String(), without(it.Title, sp))), ""
	}
	for _, s := range others {
		if t, _, ok := findTRIS(s); ok {
			return trisNote(note(t.String(), it.Title)), ""
		}
	}
	if a, ok := findAct(it.Title); ok {
		return &kb.Regulation{
			ID:           a.ID,
			Jurisdiction: "EU",
			Type:         a.Type,
			TitleEn:      it.Title,
			URL:          it.Link,
			Sources:      []string{src},
		}, ""
	}
	reason := "names no WTO symbol, TRIS number or EU act"
	if bad := badRef(append([]string{it.Title}, others...)...); bad != "" {
		reason += " (" + bad + ")"
	}
	return nil, reason
}

func wto(n *kb.Notification, sym kb.Symbol) *kb.Notification {
	n.Area, n.Member, n.Type = sym.Area, sym.Member, sym.Type()
	return n
}

func trisNote(n *kb.Notification) *kb.Notification {
	n.Area, n.Member, n.Type = kb.AreaTRIS, "EU", kb.TypeRegular
	return n
}

// normalizes checks a record on a copy: the crawler core normalises what
// it stores.
func normalizes(r kb.Record) error {
	switch v := r.(type) {
	case *kb.Notification:
		c := *v
		return c.Normalize()
	case *kb.Regulation:
		c := *v
		return c.Normalize()
	}
	return nil
}
