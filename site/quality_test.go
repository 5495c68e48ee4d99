package site

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/auth"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/mapping"
	"github.com/stdbridge/stdbridge/store"
)

// pageBudget is the most a page's HTML may weigh, uncompressed (issue 7).
const pageBudget = 100 << 10

// assetBudget is the most one static file may weigh, uncompressed: the
// style sheet and icon load with every first visit.
const assetBudget = 32 << 10

// seededSite is the site as `stdbridge serve` builds it — store, on-disk
// index and guides opened by package app on a fresh data directory, so
// holding the embedded seed — with sign-in and the alert desk, served on
// loopback.
type seededSite struct {
	h   http.Handler
	srv *httptest.Server
}

func newSeededSite(tb testing.TB) *seededSite {
	tb.Helper()
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DataDir: tb.TempDir(), Index: app.IndexRequired})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Close() })
	m, err := auth.New(a.Store, auth.Options{Secret: []byte(strings.Repeat("k", 32)), Params: cheap})
	if err != nil {
		tb.Fatal(err)
	}
	for _, u := range []struct {
		name string
		role store.Role
	}{{"cora", store.RoleCurator}, {"rex", store.RoleReviewer}, {"ada", store.RoleAdmin}} {
		if _, err := a.Store.AddUser(ctx, store.User{Name: u.name, Role: u.role, PasswordHash: cheap.Hash("correct horse battery")}); err != nil {
			tb.Fatal(err)
		}
	}
	tokens, err := alerts.NewTokens([]byte(strings.Repeat("s", 32)))
	if err != nil {
		tb.Fatal(err)
	}
	glossary, err := content.LoadGlossary()
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	desk := &alerts.Desk{
		Store: a.Store,
		Mail:  &mailbox{},
		Links: alerts.Links{Base: "http://" + srv.Listener.Addr().String(), Tokens: tokens},
		Now:   func() time.Time { return testNow },
	}
	h := New(Config{
		Store:    a.Store,
		Search:   a.Index,
		Guides:   a.Guides,
		Crawls:   a.Store,
		Mappings: mapping.NewCache(a.Store, mapping.NewGlossary(glossary), time.Hour),
		Auth:     m,
		Writer:   a.Store,
		History:  a.Store,
		Alerts:   a.Store,
		Desk:     desk,
		Now:      func() time.Time { return testNow },
	})
	srv.Config.Handler = h
	srv.Start()
	tb.Cleanup(srv.Close)
	return &seededSite{h: h, srv: srv}
}

// qualityPage is a page of the seeded site that the quality checks and
// the benchmarks visit. The records are the seed's heaviest of their kind
// (largest page), so that the budgets hold for the rest.
type qualityPage struct {
	name   string
	path   string
	status int    // 0: 200
	as     string // the user signed in, "" for a visitor
}

func seededPages() []qualityPage {
	return []qualityPage{
		{name: "home", path: "/"},
		{name: "search", path: "/search?q=" + url.QueryEscape("食品") + "&area=SPS&member=EU"},
		{name: "search form", path: "/search"},
		{name: "standard", path: "/standards/GB%206675.4-2014"},
		{name: "notification", path: "/notifications/G/TBT/N/TTO/121/Rev.1"},
		{name: "regulation", path: "/regulations/Regulation%20%28EC%29%20No%20396/2005"},
		{name: "mappings", path: "/mappings"},
		{name: "mapping", path: "/mapping?foreign=ISO+8124-3%3A2010&domestic=GB+6675.4-2014"},
		{name: "compare topics", path: "/compare"},
		{name: "compare", path: "/compare?topic=toy-element-migration"},
		{name: "market form", path: "/market"},
		{name: "market", path: "/market?product=9503&market=EU"},
		{name: "guides", path: "/guides"},
		{name: "guide", path: "/guides/eu-toys"},
		{name: "sources", path: "/sources"},
		{name: "alerts", path: "/alerts"},
		{name: "login", path: "/login"},
		{name: "not found", path: "/standards/GB%201-1999", status: http.StatusNotFound},
		{name: "curate", path: "/curate", as: "cora"},
		{name: "curate new mapping", path: "/curate/mapping", as: "cora"},
		{name: "curate edit mapping", path: "/curate/mapping?foreign=ISO+8124-3%3A2010&domestic=GB+6675.4-2014", as: "cora"},
		{name: "curate history", path: "/curate/history?foreign=ISO+8124-3%3A2010&domestic=GB+6675.4-2014", as: "rex"},
		{name: "alerts admin", path: "/admin/alerts", as: "ada"},
	}
}

// langPath adds lang to a path's query.
func langPath(path, lang string) string {
	if strings.Contains(path, "?") {
		return path + "&lang=" + lang
	}
	return path + "?lang=" + lang
}

// TestPageQuality serves every main page of the seeded site in both
// languages and checks its weight, that it loads nothing from another
// host, and the accessibility rules of checkAccessible.
func TestPageQuality(t *testing.T) {
	s := newSeededSite(t)
	host := s.srv.Listener.Addr().String()
	clients := map[string]*http.Client{"": client(t)}
	for _, p := range seededPages() {
		if clients[p.as] == nil {
			clients[p.as] = signIn(t, s.srv, p.as)
		}
	}
	for _, p := range seededPages() {
		for _, lang := range []string{"zh", "en"} {
			t.Run(p.name+"/"+lang, func(t *testing.T) {
				resp := mustGet(t, clients[p.as], s.srv.URL+langPath(p.path, lang))
				b := body(t, resp)
				want := p.status
				if want == 0 {
					want = http.StatusOK
				}
				if resp.StatusCode != want {
					t.Fatalf("status %d, want %d", resp.StatusCode, want)
				}
				if len(b) >= pageBudget {
					t.Errorf("page is %d bytes, want < %d", len(b), pageBudget)
				}
				doc, err := html.Parse(strings.NewReader(b))
				if err != nil {
					t.Fatalf("parse HTML: %v", err)
				}
				for _, msg := range remoteLoads(doc, host) {
					t.Error(msg)
				}
				for _, msg := range checkAccessible(doc, map[string]string{"zh": "zh-CN", "en": "en"}[lang]) {
					t.Error(msg)
				}
			})
		}
	}
}

// TestStaticAssetsSmall weighs every embedded static file, as served.
func TestStaticAssetsSmall(t *testing.T) {
	f := newFixture(t)
	entries, err := fs.ReadDir(staticFS, "static")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no static files")
	}
	for _, e := range entries {
		resp := f.get(t, "/static/"+e.Name())
		b := body(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", e.Name(), resp.StatusCode)
		}
		if len(b) >= assetBudget {
			t.Errorf("%s is %d bytes, want < %d", e.Name(), len(b), assetBudget)
		}
		if reRemoteCSSURL.MatchString(b) {
			t.Errorf("%s loads from another host: %s", e.Name(), reRemoteCSSURL.FindString(b))
		}
	}
}

// TestResponsive checks what lets pages fit a phone: the layout's
// viewport, and rules for narrow screens in the style sheet. How pages
// look at that width is for the browser tests.
func TestResponsive(t *testing.T) {
	f := newFixture(t)
	doc, err := html.Parse(strings.NewReader(body(t, f.get(t, "/"))))
	if err != nil {
		t.Fatal(err)
	}
	var viewport string
	walkElements(doc, func(n *html.Node) {
		if n.Data == "meta" && attr(n, "name") == "viewport" {
			viewport = attr(n, "content")
		}
	})
	if !strings.Contains(viewport, "width=device-width") {
		t.Errorf("viewport meta %q, want width=device-width", viewport)
	}
	css, err := os.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`@media\s*\(\s*max-width:\s*[\d.]+(rem|em|px)\s*\)`).Match(css) {
		t.Error("style.css has no @media (max-width: …) rule for narrow screens")
	}
}

// reRemoteCSSURL finds url() or @import of an absolute or
// protocol-relative address in CSS.
var reRemoteCSSURL = regexp.MustCompile(`(?i)(url\(\s*['"]?|@import\s+['"])(https?:)?//`)

// remoteLoads lists what a page would fetch from a host other than host:
// scripts, style sheets, icons, images, frames and media. Links a
// visitor follows (<a href>) are not loads.
func remoteLoads(doc *html.Node, host string) []string {
	var msgs []string
	walkElements(doc, func(n *html.Node) {
		var ref string
		switch n.Data {
		case "script", "img", "iframe", "source", "audio", "video", "embed", "track", "input":
			ref = attr(n, "src")
		case "link":
			ref = attr(n, "href")
		case "object":
			ref = attr(n, "data")
		case "style":
			if n.FirstChild != nil && reRemoteCSSURL.MatchString(n.FirstChild.Data) {
				msgs = append(msgs, "a <style> loads from another host")
			}
		}
		if s := attr(n, "style"); reRemoteCSSURL.MatchString(s) {
			msgs = append(msgs, fmt.Sprintf("<%s style=%q> loads from another host", n.Data, s))
		}
		if ref == "" {
			return
		}
		u, err := url.Parse(strings.TrimSpace(ref))
		if err != nil {
			msgs = append(msgs, fmt.Sprintf("<%s> refers to %q, not a URL", n.Data, ref))
			return
		}
		if u.Host != "" && u.Host != host {
			msgs = append(msgs, fmt.Sprintf("<%s> loads %s from another host", n.Data, ref))
		}
	})
	return msgs
}

// checkAccessible lists what a page breaks of the rules every page keeps:
// <html lang>; one h1 and heading levels that never skip on the way down;
// a label for every form control (<label for>, aria-label or
// aria-labelledby, or a wrapping <label>); alt on every image; text on
// every link and button; forms that say their method; scoped table
// headers; unique ids; the keyboard's order left to the document (no
// positive tabindex); and a skip link to the content as the first thing
// the keyboard reaches.
func checkAccessible(doc *html.Node, wantLang string) []string {
	var msgs []string
	fail := func(format string, args ...any) { msgs = append(msgs, fmt.Sprintf(format, args...)) }
	ids := map[string]int{}
	walkElements(doc, func(n *html.Node) {
		if id := attr(n, "id"); id != "" {
			ids[id]++
		}
	})
	for id, k := range ids {
		if k > 1 {
			fail("id %q is used %d times", id, k)
		}
	}
	labelled := map[string]bool{}
	var h1, level int
	var firstFocus *html.Node
	walkElements(doc, func(n *html.Node) {
		if firstFocus == nil && focusable(n) {
			firstFocus = n
		}
		switch n.Data {
		case "html":
			if got := attr(n, "lang"); got != wantLang {
				fail("<html lang=%q>, want %q", got, wantLang)
			}
		case "h1", "h2", "h3", "h4", "h5", "h6":
			l := int(n.Data[1] - '0')
			if l == 1 {
				h1++
			}
			if l > level+1 {
				fail("<%s> %q follows h%d: a heading level is skipped", n.Data, textOf(n), level)
			}
			level = l
		case "label":
			if f := attr(n, "for"); f != "" {
				labelled[f] = true
				if ids[f] == 0 {
					fail("<label for=%q> names no element", f)
				}
			}
		case "th":
			if sc := attr(n, "scope"); sc != "col" && sc != "row" && sc != "colgroup" && sc != "rowgroup" {
				fail("<th> %q has no scope", textOf(n))
			}
		case "img":
			if !hasAttr(n, "alt") {
				fail("<img src=%q> has no alt", attr(n, "src"))
			}
		case "a":
			if hasAttr(n, "href") && accessibleName(n, ids, doc) == "" {
				fail("link to %q has no text", attr(n, "href"))
			}
		case "button":
			if accessibleName(n, ids, doc) == "" {
				fail("<button> has no text")
			}
		case "form":
			if m := strings.ToLower(attr(n, "method")); m != "get" && m != "post" {
				fail("<form action=%q> has method %q, want get or post said explicitly", attr(n, "action"), attr(n, "method"))
			}
		}
		if ti := attr(n, "tabindex"); ti != "" && ti != "0" && !strings.HasPrefix(ti, "-") {
			fail("<%s tabindex=%q> changes the keyboard's order", n.Data, ti)
		}
		if by := attr(n, "aria-labelledby"); by != "" {
			for _, id := range strings.Fields(by) {
				if ids[id] == 0 {
					fail("<%s aria-labelledby=%q> names no element", n.Data, by)
				}
			}
		}
	})
	if h1 != 1 {
		fail("%d h1, want 1", h1)
	}
	walkElements(doc, func(n *html.Node) {
		switch n.Data {
		case "input", "select", "textarea":
		default:
			return
		}
		typ := strings.ToLower(attr(n, "type"))
		switch typ {
		case "hidden":
			return
		case "submit", "button", "reset":
			if attr(n, "value") == "" && attr(n, "aria-label") == "" {
				fail("<input type=%s name=%q> has no text", typ, attr(n, "name"))
			}
			return
		case "image":
			if attr(n, "alt") == "" {
				fail("<input type=image name=%q> has no alt", attr(n, "name"))
			}
			return
		}
		if labelled[attr(n, "id")] && attr(n, "id") != "" || strings.TrimSpace(attr(n, "aria-label")) != "" || attr(n, "aria-labelledby") != "" || insideLabel(n) {
			return
		}
		fail("<%s name=%q id=%q> has no label", n.Data, attr(n, "name"), attr(n, "id"))
	})
	switch {
	case firstFocus == nil:
		fail("nothing on the page takes the keyboard's focus")
	case firstFocus.Data != "a" || !strings.HasPrefix(attr(firstFocus, "href"), "#"):
		fail("the first element the keyboard reaches is <%s href=%q>, want a skip link to the content", firstFocus.Data, attr(firstFocus, "href"))
	default:
		target := strings.TrimPrefix(attr(firstFocus, "href"), "#")
		if ids[target] == 0 {
			fail("the skip link leads to #%s, which is not on the page", target)
		}
		if accessibleName(firstFocus, ids, doc) == "" {
			fail("the skip link has no text")
		}
	}
	return msgs
}

// focusable reports whether the keyboard's Tab reaches n.
func focusable(n *html.Node) bool {
	if t := attr(n, "tabindex"); t != "" {
		return !strings.HasPrefix(t, "-")
	}
	switch n.Data {
	case "a":
		return hasAttr(n, "href")
	case "button", "select", "textarea":
		return !hasAttr(n, "disabled")
	case "input":
		return attr(n, "type") != "hidden" && !hasAttr(n, "disabled")
	}
	return false
}

// accessibleName is, simplified, what a screen reader announces for n:
// its aria-label, the text of the elements aria-labelledby names, or its
// own text including images' alt, leaving out what is aria-hidden.
func accessibleName(n *html.Node, ids map[string]int, doc *html.Node) string {
	if l := strings.TrimSpace(attr(n, "aria-label")); l != "" {
		return l
	}
	if by := attr(n, "aria-labelledby"); by != "" {
		var parts []string
		walkElements(doc, func(m *html.Node) {
			for _, id := range strings.Fields(by) {
				if attr(m, "id") == id {
					parts = append(parts, textOf(m))
				}
			}
		})
		if s := strings.TrimSpace(strings.Join(parts, " ")); s != "" {
			return s
		}
	}
	if s := textOf(n); s != "" {
		return s
	}
	return strings.TrimSpace(attr(n, "title"))
}

// textOf is the text a reader hears inside n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if attr(n, "aria-hidden") == "true" {
				return
			}
			if n.Data == "img" {
				b.WriteString(attr(n, "alt"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func insideLabel(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "label" {
			return true
		}
	}
	return false
}

// walkElements calls fn for every element under n, in document order.
func walkElements(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkElements(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// TestCheckAccessible shows that checkAccessible finds each problem it
// looks for, and passes a page that keeps every rule.
func TestCheckAccessible(t *testing.T) {
	const good = `<!DOCTYPE html><html lang="en"><body>
<a class="skip" href="#main">Skip to content</a>
<nav><a href="/"><img src="/i.svg" alt="Home"></a> <a href="/x" aria-label="X"></a></nav>
<main id="main"><h1>T</h1><h2>A</h2><h3>B</h3><h2>C</h2>
<form method="get" action="/search"><label for="q">Q</label><input id="q" name="q">
<label>Kind <select name="k"><option>a</option></select></label>
<input name="p" aria-label="Page"><input type="hidden" name="h"><input type="submit" value="Go">
<button type="submit"><span aria-hidden="true">→</span> Search</button></form>
<span id="l">Note</span><textarea name="n" aria-labelledby="l"></textarea>
<img src="/deco.svg" alt=""></main></body></html>`
	tests := []struct {
		name, page string
		want       []string // substrings of the messages, in order
	}{
		{"good", good, nil},
		{"lang", strings.Replace(good, `lang="en"`, `lang="zh-CN"`, 1), []string{`<html lang="zh-CN">, want "en"`}},
		{"two h1", strings.Replace(good, "<h2>C</h2>", "<h1>C</h1>", 1), []string{"2 h1, want 1"}},
		{"no h1", strings.Replace(good, "<h1>T</h1>", "", 1), []string{`<h2> "A" follows h0`, "0 h1, want 1"}},
		{"skipped level", strings.Replace(good, "<h3>B</h3>", "<h4>B</h4>", 1), []string{`<h4> "B" follows h2`}},
		{"control without label", strings.Replace(good, `<label for="q">Q</label>`, "", 1), []string{`<input name="q" id="q"> has no label`}},
		{"label for nothing", strings.Replace(good, `<input id="q" name="q">`, `<input name="q">`, 1), []string{`<label for="q"> names no element`, `<input name="q" id=""> has no label`}},
		{"labelledby nothing", strings.Replace(good, `<span id="l">`, `<span>`, 1), []string{`<textarea aria-labelledby="l"> names no element`}},
		{"image without alt", strings.Replace(good, `alt=""`, "", 1), []string{`<img src="/deco.svg"> has no alt`}},
		{"empty link", strings.Replace(good, `alt="Home"`, `alt=""`, 1), []string{`link to "/" has no text`}},
		{"empty button", strings.Replace(good, " Search</button>", "</button>", 1), []string{"<button> has no text"}},
		{"submit without text", strings.Replace(good, `value="Go"`, "", 1), []string{`<input type=submit name=""> has no text`}},
		{"form without method", strings.Replace(good, `method="get" `, "", 1), []string{`<form action="/search"> has method ""`}},
		{"duplicate id", strings.Replace(good, `<span id="l">`, `<span id="main">`, 1), []string{`id "main" is used 2 times`, `names no element`}},
		{"no skip link", strings.Replace(good, `<a class="skip" href="#main">Skip to content</a>`, "", 1), []string{`first element the keyboard reaches is <a href="/">`}},
		{"header without scope", strings.Replace(good, `<img src="/deco.svg" alt="">`, `<table><tr><th>Limit</th></tr></table>`, 1), []string{`<th> "Limit" has no scope`}},
		{"positive tabindex", strings.Replace(good, `<a href="/x"`, `<a tabindex="2" href="/x"`, 1), []string{`<a tabindex="2"> changes the keyboard's order`}},
		{"skip link elsewhere", strings.Replace(good, `href="#main"`, `href="#top"`, 1), []string{"the skip link leads to #top"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			got := checkAccessible(doc, "en")
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d is %q, want it to say %q", i, got[i], w)
				}
			}
		})
	}
}

func TestRemoteLoads(t *testing.T) {
	page := `<html><head><link rel="stylesheet" href="/static/style.css"><link rel="alternate" href="http://site.test/feed">
<script src="https://cdn.example.com/htmx.js"></script><link rel="stylesheet" href="//fonts.example.com/css"></head>
<body><a href="https://eping.wto.org/">ePing</a><img src="http://img.example.com/a.png" alt="">
<div style="background:url('https://x.example.com/b.png')"></div></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	got := remoteLoads(doc, "site.test")
	want := []string{
		"<script> loads https://cdn.example.com/htmx.js from another host",
		"<link> loads //fonts.example.com/css from another host",
		"<img> loads http://img.example.com/a.png from another host",
		`<div style="background:url('https://x.example.com/b.png')"> loads from another host`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("remote loads (-want +got):\n%s", d)
	}
}

// TestContrast computes the WCAG 2 contrast ratio of the style sheet's
// text colours on the backgrounds they are drawn on: at least 4.5:1 for
// text (1.4.3) and 3:1 for the focus outline against what surrounds it
// (1.4.11). Colours are read from style.css, so a changed colour is
// checked where it is used.
func TestContrast(t *testing.T) {
	css, err := os.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	sheet := parseCSS(string(css))
	c := func(selector, prop string) rgb {
		t.Helper()
		v, ok := sheet.value(selector, prop)
		if !ok {
			t.Fatalf("style.css: no %s in a rule for %q", prop, selector)
		}
		col, ok := parseColor(v)
		if !ok {
			t.Fatalf("style.css: %s { %s: %s } is not a colour", selector, prop, v)
		}
		return col
	}
	v := func(name string) rgb { return c(":root", name) }
	type pair struct {
		what   string
		fg, bg rgb
		min    float64
	}
	var pairs []pair
	// Every text colour on the page's two backgrounds.
	for _, fg := range []string{"--fg", "--muted", "--accent", "--ok", "--warn", "--bad"} {
		for _, bg := range []string{"--bg", "--soft"} {
			pairs = append(pairs, pair{fg + " on " + bg, v(fg), v(bg), 4.5})
		}
	}
	pairs = append(pairs,
		pair{"text on highlighted words", v("--fg"), c("mark", "background"), 4.5},
		pair{"header text", c(".site-header", "color"), c(".site-header", "background"), 4.5},
		pair{"header links", c(".site-header a", "color"), c(".site-header", "background"), 4.5},
		pair{"header button", c(".site-header button", "color"), c(".site-header button", "background"), 4.5},
		pair{"buttons", c("button", "color"), c("button", "background"), 4.5},
		pair{"footer", c(".site-footer", "color"), c(".site-footer", "background"), 4.5},
		pair{"footer links", c("a", "color"), c(".site-footer", "background"), 4.5},
		pair{"skip link", c("a", "color"), c(".skip:focus", "background"), 4.5},
		pair{"chips", c("a", "color"), c(".chip", "background"), 4.5},
		pair{"mandatory badge", c(".badge-mandatory", "color"), c(".badge-mandatory", "background"), 4.5},
		pair{"stricter mark in its cell", c(".mark-stricter", "color"), c(".compare td.cell-stricter", "background"), 4.5},
		pair{"looser mark in its cell", c(".mark-looser", "color"), c(".compare td.cell-looser", "background"), 4.5},
		pair{"limit in a stricter cell", v("--fg"), c(".compare td.cell-stricter", "background"), 4.5},
		pair{"limit in a looser cell", v("--fg"), c(".compare td.cell-looser", "background"), 4.5},
		pair{"focus outline on the page", c("a:focus-visible", "outline-color"), v("--bg"), 3},
		pair{"focus outline on the footer", c("a:focus-visible", "outline-color"), c(".site-footer", "background"), 3},
		pair{"focus outline in the header", c(".site-header :focus-visible", "outline-color"), c(".site-header", "background"), 3},
	)
	// And any rule that sets both a colour and its background.
	for _, r := range sheet.rules {
		fg, okf := r.decls["color"]
		bg, okb := r.decls["background"]
		if !okb {
			bg, okb = r.decls["background-color"]
		}
		if !okf || !okb {
			continue
		}
		f, okf := parseColor(sheet.resolve(fg))
		b, okb := parseColor(sheet.resolve(bg))
		if okf && okb {
			pairs = append(pairs, pair{strings.Join(r.selectors, ", "), f, b, 4.5})
		}
	}
	for _, p := range pairs {
		if r := contrast(p.fg, p.bg); r < p.min {
			t.Errorf("%s: %s on %s is %.2f:1, want at least %.1f:1", p.what, p.fg, p.bg, r, p.min)
		}
	}
}

func TestContrastRatio(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000", "#fff", 21},
		{"#fff", "#fff", 1},
		{"#777", "#fff", 4.48}, // the well-known just-failing grey
		{"#767676", "#ffffff", 4.54},
		{"white", "#1d4e89", 8.39},
	}
	for _, tt := range tests {
		a, _ := parseColor(tt.a)
		b, _ := parseColor(tt.b)
		if got := contrast(a, b); got < tt.want-0.005 || got > tt.want+0.005 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

// cssSheet is the little of a style sheet the contrast test reads: its
// rules outside @media, and the custom properties of :root.
type cssSheet struct {
	rules []cssRule
	vars  map[string]string
}

type cssRule struct {
	selectors []string
	decls     map[string]string
}

var reCSSComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

// parseCSS reads flat rules; at-rule blocks (@media and the like) are
// skipped, since what they change is not the colours.
func parseCSS(src string) *cssSheet {
	src = reCSSComment.ReplaceAllString(src, "")
	s := &cssSheet{vars: map[string]string{}}
	for len(src) > 0 {
		open := strings.IndexByte(src, '{')
		if open < 0 {
			break
		}
		prelude := strings.TrimSpace(src[:open])
		depth, end := 0, -1
		for i := open; i < len(src) && end < 0; i++ {
			switch src[i] {
			case '{':
				depth++
			case '}':
				depth--
				if depth == 0 {
					end = i
				}
			}
		}
		if end < 0 {
			break
		}
		block := src[open+1 : end]
		src = src[end+1:]
		if strings.HasPrefix(prelude, "@") {
			continue
		}
		r := cssRule{decls: map[string]string{}}
		for _, sel := range strings.Split(prelude, ",") {
			r.selectors = append(r.selectors, strings.Join(strings.Fields(sel), " "))
		}
		for _, d := range strings.Split(block, ";") {
			k, val, ok := strings.Cut(d, ":")
			if !ok {
				continue
			}
			r.decls[strings.TrimSpace(k)] = strings.TrimSpace(val)
		}
		// outline: 3px solid X sets the outline's colour too.
		if o, ok := r.decls["outline"]; ok {
			if f := strings.Fields(o); len(f) > 0 {
				if _, set := r.decls["outline-color"]; !set {
					r.decls["outline-color"] = f[len(f)-1]
				}
			}
		}
		if prelude == ":root" {
			for k, val := range r.decls {
				if strings.HasPrefix(k, "--") {
					s.vars[k] = val
				}
			}
		}
		s.rules = append(s.rules, r)
	}
	return s
}

// value is prop as the last rule naming selector sets it, with var()
// resolved.
func (s *cssSheet) value(selector, prop string) (string, bool) {
	var v string
	var found bool
	for _, r := range s.rules {
		for _, sel := range r.selectors {
			if sel != selector {
				continue
			}
			if d, ok := r.decls[prop]; ok {
				v, found = d, true
			}
		}
	}
	if !found && selector == ":root" && strings.HasPrefix(prop, "--") {
		v, found = s.vars[prop]
	}
	return s.resolve(v), found
}

var reCSSVar = regexp.MustCompile(`^var\(\s*(--[\w-]+)\s*\)$`)

func (s *cssSheet) resolve(v string) string {
	for range 10 { // a variable may name another
		m := reCSSVar.FindStringSubmatch(strings.TrimSpace(v))
		if m == nil {
			break
		}
		v = s.vars[m[1]]
	}
	return strings.TrimSpace(v)
}

type rgb [3]uint8

func (c rgb) String() string { return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]) }

// parseColor reads #rgb, #rrggbb, white and black: what the sheet uses.
func parseColor(s string) (rgb, bool) {
	switch strings.ToLower(s) {
	case "white":
		return rgb{255, 255, 255}, true
	case "black":
		return rgb{}, true
	}
	h, ok := strings.CutPrefix(s, "#")
	if !ok {
		return rgb{}, false
	}
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	var c rgb
	if len(h) != 6 {
		return c, false
	}
	if _, err := fmt.Sscanf(h, "%02x%02x%02x", &c[0], &c[1], &c[2]); err != nil {
		return c, false
	}
	return c, true
}

// contrast is the WCAG 2 contrast ratio of two colours, 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG 2's relative luminance of an sRGB colour.
func luminance(c rgb) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c[0]) + 0.7152*lin(c[1]) + 0.0722*lin(c[2])
}
