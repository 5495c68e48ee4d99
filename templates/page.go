// Package templates holds the site's HTML: templ components for every page
// and the view models the site fills for them. The components only
// present; fetching records, choosing the language and building the view
// models are the site package's job.
package templates

import (
	"strings"

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
