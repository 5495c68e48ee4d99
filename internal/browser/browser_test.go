package browser

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testSite is a small site with no JavaScript: a GET form that echoes
// its query and the request's Accept-Language, a link, and a login that
// sets a cookie.
func testSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	page := func(w http.ResponseWriter, body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body>%s</body></html>`, body)
	}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		page(w, `<form id="f" action="/echo" method="get"><label for="q">q</label><input id="q" name="q" type="search"><button type="submit">go</button></form><a id="next" href="/echo?q=link">next</a>`)
	})
	mux.HandleFunc("GET /echo", func(w http.ResponseWriter, r *http.Request) {
		page(w, `<h1 id="q">`+html.EscapeString(r.URL.Query().Get("q"))+`</h1><p id="lang">`+html.EscapeString(r.Header.Get("Accept-Language"))+`</p><ul><li class="i">1</li><li class="i">2</li></ul>`)
	})
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "user", Value: r.URL.Query().Get("user"), Path: "/"})
		page(w, `<h1>ok</h1>`)
	})
	mux.HandleFunc("GET /whoami", func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie("user")
		if err != nil {
			page(w, `<h1 id="who">nobody</h1>`)
			return
		}
		page(w, `<h1 id="who">`+html.EscapeString(c.Value)+`</h1>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestBrowserHarness(t *testing.T) {
	srv := testSite(t)
	b := Start(t)

	if got := b.Navigate(t, srv.URL+"/"); got != http.StatusOK {
		t.Fatalf("status %d, want 200", got)
	}
	b.WaitVisible(t, "#q")
	b.SendKeys(t, "#q", "儿童玩具")
	if got := b.Submit(t, "#q"); got != http.StatusOK {
		t.Fatalf("submit: status %d, want 200", got)
	}
	loc, err := url.Parse(b.Location(t))
	if err != nil {
		t.Fatal(err)
	}
	if loc.Path != "/echo" || loc.Query().Get("q") != "儿童玩具" {
		t.Errorf("after submit at %s, want /echo?q=儿童玩具", loc)
	}
	if got := b.Text(t, "h1#q"); got != "儿童玩具" {
		t.Errorf("echoed %q, want 儿童玩具", got)
	}
	if got := b.Text(t, "#lang"); !strings.HasPrefix(got, "zh-CN") {
		t.Errorf("Accept-Language %q, want zh-CN first", got)
	}
	if got := b.Count(t, "li.i"); got != 2 {
		t.Errorf("Count(li.i) = %d, want 2", got)
	}
	if got := b.Count(t, "li.none"); got != 0 {
		t.Errorf("Count(li.none) = %d, want 0", got)
	}
	if got, ok := b.Attr(t, "html", "lang"); !ok || got != "zh-CN" {
		t.Errorf("html lang = %q, %v", got, ok)
	}

	b.Navigate(t, srv.URL+"/")
	b.SetValue(t, "#q", "first")
	b.SetValue(t, "#q", "replaced")
	b.Submit(t, "#f")
	if got := b.Text(t, "h1#q"); got != "replaced" {
		t.Errorf("after SetValue twice: %q, want replaced", got)
	}

	b.Navigate(t, srv.URL+"/")
	b.Click(t, "a#next")
	if got := b.Text(t, "h1#q"); got != "link" {
		t.Errorf("after click: %q, want link", got)
	}

	path := filepath.Join(t.TempDir(), "shot.png")
	b.Screenshot(t, path)
	png, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("screenshot is not a PNG: % x", png[:min(8, len(png))])
	}
}

func TestBrowserTabsHaveSeparateCookies(t *testing.T) {
	srv := testSite(t)
	b := Start(t)
	alice, bob := b.NewTab(t), b.NewTab(t)

	alice.Navigate(t, srv.URL+"/login?user=alice")
	bob.Navigate(t, srv.URL+"/login?user=bob")
	b.Navigate(t, srv.URL+"/whoami")

	for _, tc := range []struct {
		name string
		tab  *Tab
		want string
	}{
		{"alice", alice, "alice"},
		{"bob", bob, "bob"},
	} {
		if got, ok := tc.tab.Cookie(t, "user"); !ok || got != tc.want {
			t.Errorf("%s: cookie user = %q, %v; want %q", tc.name, got, ok, tc.want)
		}
		tc.tab.Navigate(t, srv.URL+"/whoami")
		if got := tc.tab.Text(t, "#who"); got != tc.want {
			t.Errorf("%s: server saw %q", tc.name, got)
		}
	}
	if got := b.Text(t, "#who"); got != "nobody" {
		t.Errorf("first tab: server saw %q, want nobody", got)
	}
	if got, ok := b.Cookie(t, "user"); ok {
		t.Errorf("first tab has cookie user=%q", got)
	}
}

func TestBrowserFindBinary(t *testing.T) {
	t.Run("env names a missing program", func(t *testing.T) {
		t.Setenv(EnvBinary, "/nonexistent/chromium")
		if _, err := findBinary(); err == nil || !strings.Contains(err.Error(), EnvBinary) {
			t.Errorf("err = %v, want one naming %s", err, EnvBinary)
		}
	})
	t.Run("nothing on PATH", func(t *testing.T) {
		t.Setenv(EnvBinary, "")
		t.Setenv("PATH", t.TempDir())
		if _, err := findBinary(); err == nil || !strings.Contains(err.Error(), "chromium") {
			t.Errorf("err = %v, want one naming chromium", err)
		}
	})
	t.Run("env wins", func(t *testing.T) {
		dir := t.TempDir()
		fake := filepath.Join(dir, "my-chrome")
		if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv(EnvBinary, fake)
		if got, err := findBinary(); err != nil || got != fake {
			t.Errorf("findBinary() = %q, %v; want %q", got, err, fake)
		}
	})
}
