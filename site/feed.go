package site

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// feedEntries is how many alerts a feed carries, the newest.
const feedEntries = 50

// An Atom feed (RFC 4287), as much of it as the alert feed uses.
type (
	atomFeed struct {
		XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string      `xml:"title"`
		ID      string      `xml:"id"`
		Updated string      `xml:"updated"`
		Links   []atomLink  `xml:"link"`
		Author  atomPerson  `xml:"author"`
		Entries []atomEntry `xml:"entry"`
	}
	atomLink struct {
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	atomPerson struct {
		Name string `xml:"name"`
	}
	atomEntry struct {
		Title   string     `xml:"title"`
		ID      string     `xml:"id"`
		Updated string     `xml:"updated"`
		Links   []atomLink `xml:"link"`
		Summary string     `xml:"summary,omitempty"`
	}
)

// alertFeed serves a subscription's alerts as Atom: the notifications it
// matched, whether or not their e-mail went out (a feed reader is a
// channel of its own), newest first. A paused subscription keeps its
// feed; an ended one's is gone (410), so readers stop asking.
func (s *server) alertFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sub, err := s.alerts.SubscriptionByFeedToken(ctx, r.PathValue("token"))
	switch {
	case errors.Is(err, store.ErrNotFound):
		http.Error(w, "no such feed", http.StatusNotFound)
		return
	case err != nil:
		s.log.ErrorContext(ctx, "alert feed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	case sub.Status == store.SubUnsubscribed:
		http.Error(w, "this subscription has ended", http.StatusGone)
		return
	}
	b, err := s.feedXML(ctx, sub)
	if err != nil {
		s.log.ErrorContext(ctx, "alert feed", "subscription", sub.ID, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write(b)
}

func (s *server) feedXML(ctx context.Context, sub store.Subscription) ([]byte, error) {
	// The outbox cannot select by kind; a subscription's entries are a
	// few per notification it matched, so reading them all is cheap.
	ds, err := s.alerts.Deliveries(ctx, store.DeliveryFilter{SubscriptionID: sub.ID})
	if err != nil {
		return nil, fmt.Errorf("feed of subscription %d: %w", sub.ID, err)
	}
	links := s.desk.Links
	lang := sub.Lang
	t := translator(lang)
	tag := tagAuthority(links.Base, sub.Created)
	title := t("alerts.feedTitle", sub.Label)
	if sub.Label == "" {
		title = t("alerts.feedTitle", t("alerts.unnamed", sub.ID))
	}
	f := atomFeed{
		Title:   title,
		ID:      fmt.Sprintf("%s:subscription/%d", tag, sub.ID),
		Updated: atomTime(sub.Updated),
		Links:   []atomLink{{Rel: "self", Type: "application/atom+xml", Href: links.Feed(sub.FeedToken)}},
		Author:  atomPerson{Name: "stdbridge"},
	}
	for _, d := range ds {
		if d.Kind != store.KindAlert {
			continue
		}
		if len(f.Entries) == feedEntries {
			break
		}
		e := atomEntry{
			Title:   d.Notification,
			ID:      fmt.Sprintf("%s:alert/%d", tag, d.ID),
			Updated: atomTime(d.Created),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: links.Notification(d.Notification)}},
		}
		n, err := s.store.Notification(ctx, d.Notification)
		switch {
		case err == nil:
			e.Title = n.Key() + " " + templates.NotificationTitle(n, lang)
			e.Summary = feedSummary(n, lang)
		case !errors.Is(err, store.ErrNotFound):
			return nil, fmt.Errorf("feed of subscription %d: %w", sub.ID, err)
		}
		f.Entries = append(f.Entries, e)
	}
	if len(f.Entries) > 0 && f.Entries[0].Updated > f.Updated {
		f.Updated = f.Entries[0].Updated
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(f); err != nil {
		return nil, fmt.Errorf("feed of subscription %d: %w", sub.ID, err)
	}
	return buf.Bytes(), nil
}

// feedSummary is a line of an alert's facts: member, products, comment
// deadline.
func feedSummary(n *kb.Notification, lang string) string {
	var parts []string
	if n.Member != "" {
		parts = append(parts, templates.MemberName(n.Member, lang))
	}
	if p := strings.Join(strings.Fields(n.Products), " "); p != "" {
		parts = append(parts, p)
	}
	if n.CommentDeadline != "" {
		parts = append(parts, translator(lang)("alerts.feedDeadline", string(n.CommentDeadline)))
	}
	return strings.Join(parts, " · ")
}

// tagAuthority starts the tag: URIs (RFC 4151) of a subscription's feed
// and entries: the site's host and the day the subscription was made, so
// ids stay the same as long as the site keeps its name.
func tagAuthority(base string, created time.Time) string {
	host := "stdbridge"
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + created.UTC().Format("2006-01-02")
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
