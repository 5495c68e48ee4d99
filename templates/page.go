// Package templates holds the site's HTML: templ components for every page
// and the view models the site fills for them. The components only
// present; fetching records, choosing the language and building the view
// models are the site package's job.
package templates

import (
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
)

// Translator returns the UI string for key in the page's language,
// formatting args into it like fmt.Sprintf.
type Translator func(key string, args ...any) string

// Page is what the layout needs from every page.
type Page struct {
	Lang      string     // "zh" or "en"
	T         Translator // UI strings in Lang
	Title     string     // the page's own title; the layout adds the site name
	Nav       string     // the current navigation item: "search", "mappings", "compare", "guides"
	SwitchURL string     // this page in the other language
	CSSURL    string     // the style sheet, with a version for caching
	IconURL   string
	Fmt       Formatter // dates and numbers in Lang; nil prints them as stored
}

// Formatter writes dates and numbers the way the page's language reads
// them; the site implements it.
type Formatter interface {
	Date(d kb.Date) string       // a full date, a month or a year
	Time(t time.Time) string     // an instant, to the minute, in UTC
	Num(n int) string            // a count
	Pct(fraction float64) string // a share, 0.125 as 12.5%
}

// Date is a record's date as the page's language writes it.
func (p Page) Date(d kb.Date) string {
	if p.Fmt == nil {
		return string(d)
	}
	return p.Fmt.Date(d)
}

// Time is an instant as the page's language writes it; "" when zero.
func (p Page) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if p.Fmt == nil {
		return t.UTC().Format("2006-01-02 15:04 UTC")
	}
	return p.Fmt.Time(t)
}

// Num is a count as the page's language writes it.
func (p Page) Num(n int) string {
	if p.Fmt == nil {
		return strconv.Itoa(n)
	}
	return p.Fmt.Num(n)
}

// Pct is a fraction as a percentage in the page's language.
func (p Page) Pct(fraction float64) string {
	if p.Fmt == nil {
		return strconv.FormatFloat(fraction*100, 'f', 1, 64) + "%"
	}
	return p.Fmt.Pct(fraction)
}

// HTMLLang is the value of <html lang>.
func (p Page) HTMLLang() string {
	if p.Lang == "en" {
		return "en"
	}
	return "zh-CN"
}

// OtherLang is the language the switch link leads to.
func (p Page) OtherLang() string {
	if p.Lang == "en" {
		return "zh"
	}
	return "en"
}

// FullTitle is the <title>: the page's title and the site name.
func (p Page) FullTitle() string {
	if p.Title == "" {
		return p.T("site.name")
	}
	return p.Title + " · " + p.T("site.name")
}

// NotificationTitle is the notification's title in lang, falling back to
// the other language and then to the symbol.
func NotificationTitle(n *kb.Notification, lang string) string {
	order := []string{n.TitleZh, n.Title}
	if lang == "en" {
		order = []string{n.Title, n.TitleZh}
	}
	for _, t := range order {
		if t != "" {
			return t
		}
	}
	return n.Key()
}

// MemberName is a member's name in lang, for a code as records hold it.
func MemberName(code, lang string) string {
	if code == "" {
		return ""
	}
	return kb.LookupMember(code).Name(lang)
}

// IsWebLink reports whether s is an absolute http(s) URL, which is shown
// as a link; anything else (a citation) is shown as text.
func IsWebLink(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

// Or returns s, or def when s is empty.
func Or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// LimitText renders a requirement's limit: "≤ 13.5 mg/kg", "不得检出".
func LimitText(r *kb.Requirement, t Translator) string {
	switch r.Comparator {
	case "":
		return strings.TrimSpace(r.Limit + " " + r.Unit)
	case kb.CmpNotDetected:
		return t("cmp.notDetected")
	case kb.CmpProhibited:
		return t("cmp.prohibited")
	}
	sym := map[kb.Comparator]string{kb.CmpLE: "≤", kb.CmpLT: "<", kb.CmpGE: "≥", kb.CmpGT: ">", kb.CmpEQ: "="}[r.Comparator]
	return strings.TrimSpace(sym + " " + r.Limit + " " + r.Unit)
}

// TopicName is a comparison topic's name in the page's language, or its
// slug when it has none.
func (p Page) TopicName(slug string) string {
	if name := p.T("topic." + slug); name != "topic."+slug {
		return name
	}
	return slug
}
