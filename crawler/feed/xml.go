package feed

import (
	"encoding/xml"
	"net/url"
	"strings"
)

const atomNS = "http://www.w3.org/2005/Atom"

// elem is any element a feed's field may be: the text of an RSS <title>
// or <link>, an Atom text construct (type text, html or xhtml), an Atom
// link's attributes. Fields are lists because encoding/xml matches local
// names in every namespace: <media:title> or <atom:link> sit next to the
// element we want, and own() picks ours.
type elem struct {
	XMLName xml.Name
	Type    string `xml:"type,attr"`
	Href    string `xml:"href,attr"`
	Rel     string `xml:"rel,attr"`
	Text    string `xml:",chardata"`
	Inner   string `xml:",innerxml"`
}

// own is the first element in no namespace or Atom's, else the first.
func own(list []elem) elem {
	for _, e := range list {
		if e.XMLName.Space == "" || e.XMLName.Space == atomNS {
			return e
		}
	}
	if len(list) > 0 {
		return list[0]
	}
	return elem{}
}

// markup is the element's content as HTML or text, ready for plain().
func (e elem) markup() string {
	if strings.EqualFold(e.Type, "xhtml") {
		return e.Inner
	}
	return e.Text
}

// RSS 0.9x/2.0, with the Dublin Core date and content:encoded that many
// feeds add.
type rssDoc struct {
	Channel *rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title []elem    `xml:"title"`
	Links []elem    `xml:"link"`
	Items []rssItem `xml:"item"`
}

type rssItem struct {
	Title       []elem  `xml:"title"`
	Links       []elem  `xml:"link"`
	Description []elem  `xml:"description"`
	Content     string  `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	PubDate     string  `xml:"pubDate"`
	DCDate      string  `xml:"http://purl.org/dc/elements/1.1/ date"`
	GUID        rssGUID `xml:"guid"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// rssLink is the text of a plain <link>, not an atom:link's href (which
// names the feed itself).
func rssLink(links []elem) string {
	for _, l := range links {
		if t := strings.TrimSpace(l.Text); t != "" && l.XMLName.Space != atomNS {
			return t
		}
	}
	return ""
}

func (c *rssChannel) feed() *Feed {
	f := &Feed{Title: plain(own(c.Title).Text), Link: rssLink(c.Links)}
	for _, it := range c.Items {
		link := rssLink(it.Links)
		guid := strings.TrimSpace(it.GUID.Value)
		if link == "" && !strings.EqualFold(it.GUID.IsPermaLink, "false") && isURL(guid) {
			link = guid // a permalink guid is the item's address
		}
		summary := own(it.Description).Text
		if strings.TrimSpace(summary) == "" {
			summary = it.Content
		}
		date := strings.TrimSpace(it.PubDate)
		if date == "" {
			date = strings.TrimSpace(it.DCDate)
		}
		f.Items = append(f.Items, item(own(it.Title).Text, resolve(f.Link, link), guid, summary, date))
	}
	return f
}

// Atom 1.0 (and the element names Atom 0.3 used for dates).
type atomFeed struct {
	Title   []elem      `xml:"title"`
	Links   []elem      `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	Title     []elem `xml:"title"`
	Links     []elem `xml:"link"`
	ID        string `xml:"id"`
	Summary   []elem `xml:"summary"`
	Content   []elem `xml:"content"`
	Published string `xml:"published"`
	Updated   string `xml:"updated"`
	Issued    string `xml:"issued"`
	Modified  string `xml:"modified"`
}

// atomLink is the alternate link: rel="alternate" or no rel.
func atomLink(links []elem) string {
	for _, l := range links {
		if (l.Rel == "" || l.Rel == "alternate") && strings.TrimSpace(l.Href) != "" {
			return strings.TrimSpace(l.Href)
		}
	}
	return ""
}

func (a *atomFeed) feed() *Feed {
	f := &Feed{Title: plain(own(a.Title).markup()), Link: atomLink(a.Links)}
	for _, e := range a.Entries {
		summary := own(e.Summary).markup()
		if strings.TrimSpace(summary) == "" {
			summary = own(e.Content).markup()
		}
		date := ""
		for _, d := range []string{e.Published, e.Issued, e.Updated, e.Modified} {
			if d = strings.TrimSpace(d); d != "" {
				date = d
				break
			}
		}
		f.Items = append(f.Items, item(own(e.Title).markup(), resolve(f.Link, atomLink(e.Links)), strings.TrimSpace(e.ID), summary, date))
	}
	return f
}

func item(title, link, id, summary, date string) Item {
	it := Item{Title: plain(title), Link: link, ID: id, Summary: summary, DateText: date}
	if t, ok := parseDate(date); ok {
		it.Published = t
	}
	return it
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// resolve makes a relative entry link absolute against the feed's link.
func resolve(base, ref string) string {
	if ref == "" || base == "" {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil || r.IsAbs() {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return ref
	}
	return b.ResolveReference(r).String()
}
