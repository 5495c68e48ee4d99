package site

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/stdbridge/stdbridge/internal/browser"
	"github.com/stdbridge/stdbridge/templates"
)

// TestBrowserCuration is issue 5's workflow in a real Chromium: a curator
// signs in and proposes a mapping, a reviewer signs in and approves it,
// and a visitor sees it; a visitor cannot reach the curators' pages, and
// a form posted without its anti-forgery token is refused.
func TestBrowserCuration(t *testing.T) {
	_, srv := curationSite(t)
	b := browser.Start(t)
	foreign, domestic := "ISO 9001:2015", "GB/T 19001-2016"
	public := srv.URL + templates.MappingURL(foreign, domestic)

	// A visitor is sent to sign in.
	visitor := b.NewTab(t)
	visitor.Navigate(t, srv.URL+"/curate")
	if loc := visitor.Location(t); !strings.Contains(loc, "/login?next=") {
		t.Fatalf("a visitor at /curate ends at %s; want the sign-in page", loc)
	}
	if got := visitor.Navigate(t, public); got != http.StatusNotFound {
		t.Errorf("before it is proposed the mapping's page answers %d", got)
	}

	signIn := func(tab *browser.Tab, name string) {
		t.Helper()
		tab.Navigate(t, srv.URL+"/login")
		tab.SetValue(t, "#login-name", name)
		tab.SetValue(t, "#login-password", "correct horse battery")
		if got := tab.Submit(t, "#login-password"); got != http.StatusOK {
			t.Fatalf("sign in as %s: status %d", name, got)
		}
		if loc := tab.Location(t); !strings.HasSuffix(loc, "/curate") {
			t.Fatalf("after signing in %s is at %s", name, loc)
		}
	}

	// The curator proposes the mapping through the form.
	curator := b.NewTab(t)
	signIn(curator, "cora")
	curator.Click(t, `a[href="/curate/mapping"]`)
	curator.SetValue(t, "#m-foreign", foreign)
	curator.SetValue(t, "#m-domestic", domestic)
	curator.SetValue(t, "#m-degree", "IDT")
	curator.SetValue(t, "#m-deviations", "- 条款结构与 ISO 9001:2015 相同")
	curator.SetValue(t, "#m-note", "依据 GB/T 19001-2016 前言")
	if got := curator.Submit(t, "#m-note"); got != http.StatusOK {
		t.Fatalf("propose: status %d", got)
	}
	if got := curator.Text(t, "main h1"); !strings.Contains(got, foreign) {
		t.Errorf("after proposing, the page is %q; want the mapping's history", got)
	}
	if got := visitor.Navigate(t, public); got != http.StatusNotFound {
		t.Errorf("a proposed mapping is public: status %d", got)
	}

	// A form posted without its token is refused, and writes nothing.
	curator.Navigate(t, srv.URL+"/curate/mapping")
	curator.SetValue(t, "#m-foreign", "ISO 14001:2015")
	curator.SetValue(t, "#m-domestic", "GB/T 24001-2016")
	curator.SetValue(t, "#m-note", "test")
	browser.Get(t, curator, chromedp.Evaluate[bool](`document.querySelector('input[name=csrf_token]').remove() || true`))
	if got := curator.Submit(t, "#m-note"); got != http.StatusForbidden {
		t.Errorf("a form without its token: status %d; want 403", got)
	}

	// The reviewer approves it.
	reviewer := b.NewTab(t)
	signIn(reviewer, "rex")
	ours := `ul.queue a[href*="ISO+9001"]`
	if n := reviewer.Count(t, ours); n != 1 {
		t.Fatalf("the review queue lists the new mapping %d times; want once", n)
	}
	reviewer.Click(t, ours)
	reviewer.SetValue(t, "#r-comment", "与前言核对无误")
	if got := reviewer.Click(t, `button[name="decision"][value="approve"]`); got != http.StatusOK {
		t.Fatalf("approve: status %d", got)
	}
	if got := reviewer.Text(t, "ol.versions"); !strings.Contains(got, "rex") || !strings.Contains(got, "cora") || !strings.Contains(got, "与前言核对无误") {
		t.Errorf("history after approval: %q", got)
	}

	// Now the visitor sees it.
	if got := visitor.Navigate(t, public); got != http.StatusOK {
		t.Fatalf("the approved mapping's page: status %d", got)
	}
	if got := visitor.Text(t, "main"); !strings.Contains(got, domestic) || !strings.Contains(got, "条款结构与 ISO 9001:2015 相同") {
		t.Errorf("the public page lacks the mapping: %q", got)
	}
}
