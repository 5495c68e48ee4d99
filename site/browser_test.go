package site

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/internal/browser"
)

// TestBrowserSearch walks the search page in a real Chromium as a visitor
// would, with no JavaScript on the page: search in Chinese, narrow by a
// facet in the sidebar, switch to English.
func TestBrowserSearch(t *testing.T) {
	f := newFixture(t)
	srv := httptest.NewServer(f.h)
	t.Cleanup(srv.Close)
	b := browser.Start(t)

	// The empty search page, in Chinese for a zh-CN browser.
	if got := b.Navigate(t, srv.URL+"/search"); got != http.StatusOK {
		t.Fatalf("GET /search: status %d", got)
	}
	if got, _ := b.Attr(t, "html", "lang"); got != "zh-CN" {
		t.Errorf(`<html lang=%q>, want "zh-CN"`, got)
	}
	if got := b.Text(t, "main h1"); got != "搜索" {
		t.Errorf("h1 %q, want 搜索", got)
	}
	if n := b.Count(t, "li.hit"); n != 0 {
		t.Errorf("%d hits before searching", n)
	}

	// Type a query and press Enter.
	b.SendKeys(t, "#q", "玩具")
	if got := b.Submit(t, "#q"); got != http.StatusOK {
		t.Fatalf("search: status %d", got)
	}
	loc := location(t, b.Tab)
	if loc.Path != "/search" || loc.Query().Get("q") != "玩具" {
		t.Errorf("searched to %s, want /search?q=玩具", loc)
	}
	if got, _ := b.Attr(t, "#q", "value"); got != "玩具" {
		t.Errorf("search box holds %q after the search, want 玩具", got)
	}
	all := resultTotal(t, b.Tab)
	if hits := b.Count(t, "ol.hits li.hit"); all == 0 || hits != all {
		t.Fatalf("%d results counted, %d hits listed; want the same, more than 0", all, hits)
	}
	if got := b.Text(t, "ol.hits li.hit .hit-title"); !strings.Contains(got, "玩具") {
		t.Errorf("first hit %q does not mention 玩具", got)
	}

	// Narrow to one WTO member with its facet link.
	member := `section[aria-labelledby="facet-member"] a.facet-value[href*="member=EU"]`
	if got := b.Text(t, member); !strings.Contains(got, "欧盟") {
		t.Errorf("member facet reads %q, want 欧盟", got)
	}
	want := countIn(t, b.Text(t, member+" .count"))
	if got := b.Click(t, member); got != http.StatusOK {
		t.Fatalf("facet: status %d", got)
	}
	loc = location(t, b.Tab)
	if q := loc.Query(); q.Get("member") != "EU" || q.Get("q") != "玩具" {
		t.Errorf("facet led to %s, want member=EU and q=玩具", loc)
	}
	narrowed := resultTotal(t, b.Tab)
	if narrowed != want || narrowed >= all {
		t.Errorf("%d results with the facet, want the facet's %d, fewer than %d", narrowed, want, all)
	}
	if hits := b.Count(t, "ol.hits li.hit"); hits != narrowed {
		t.Errorf("%d hits listed, want %d", hits, narrowed)
	}
	if chip := b.Text(t, "a.chip"); !strings.Contains(chip, "欧盟") {
		t.Errorf("filter chip %q, want 欧盟", chip)
	}

	// Switch to English: same search, English page, and it sticks.
	if got := b.Click(t, "a.lang-switch"); got != http.StatusOK {
		t.Fatalf("language switch: status %d", got)
	}
	if got, _ := b.Attr(t, "html", "lang"); got != "en" {
		t.Errorf(`after the switch <html lang=%q>, want "en"`, got)
	}
	if got := b.Text(t, "main h1"); got != "Search" {
		t.Errorf("h1 %q, want Search", got)
	}
	loc = location(t, b.Tab)
	if q := loc.Query(); q.Get("lang") != "en" || q.Get("member") != "EU" || q.Get("q") != "玩具" {
		t.Errorf("switch led to %s, want lang=en keeping member and q", loc)
	}
	if n := resultTotal(t, b.Tab); n != narrowed {
		t.Errorf("%d results in English, want %d", n, narrowed)
	}
	if c, _ := b.Cookie(t, "lang"); c != "en" {
		t.Errorf("lang cookie %q, want en", c)
	}
	b.Navigate(t, srv.URL+"/search")
	if got, _ := b.Attr(t, "html", "lang"); got != "en" {
		t.Errorf(`next page <html lang=%q>, want "en" from the cookie`, got)
	}

	// Another visitor, with cookies of their own, still gets Chinese.
	other := b.NewTab(t)
	other.Navigate(t, srv.URL+"/search")
	if got, _ := other.Attr(t, "html", "lang"); got != "zh-CN" {
		t.Errorf(`second visitor <html lang=%q>, want "zh-CN"`, got)
	}
}

func location(t *testing.T, tab *browser.Tab) *url.URL {
	t.Helper()
	u, err := url.Parse(tab.Location(t))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

var reFirstNumber = regexp.MustCompile(`\d+`)

// resultTotal is the total the result count line gives: the first number
// of "共 9 条结果，…" or "9 results, …".
func resultTotal(t *testing.T, tab *browser.Tab) int {
	t.Helper()
	return countIn(t, tab.Text(t, "p.result-count"))
}

// countIn is the first number in s, as in a facet's "(2)".
func countIn(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(reFirstNumber.FindString(s))
	if err != nil {
		t.Fatalf("no number in %q", s)
	}
	return n
}
