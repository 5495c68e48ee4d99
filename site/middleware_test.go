package site

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRecoverPanics(t *testing.T) {
	logs := &syncBuffer{}
	s := &server{log: slog.New(slog.NewTextHandler(logs, nil)), now: func() time.Time { return testNow }, static: newStaticFiles()}
	boom := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom: secret detail") })
	h := s.logRequests(withLang(s.recoverPanics(boom)))
	tests := []struct {
		target, ctype, want string
	}{
		{"/standards/x?lang=en", "text/html; charset=utf-8", "Server error"},
		{"/standards/x", "text/html; charset=utf-8", "服务器出错"},
		{"/api/stats", "application/json; charset=utf-8", `{"error":"internal error"}`},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tt.target, nil))
		if w.Code != http.StatusInternalServerError || w.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("%s: status %d, Content-Type %q", tt.target, w.Code, w.Header().Get("Content-Type"))
		}
		if b := w.Body.String(); !strings.Contains(b, tt.want) || strings.Contains(b, "secret") {
			t.Errorf("%s: body %q", tt.target, b)
		}
	}
	l := logs.String()
	if !strings.Contains(l, "boom: secret detail") || !strings.Contains(l, "level=ERROR msg=panic") {
		t.Errorf("the panic is not logged:\n%s", l)
	}
	if n := strings.Count(l, "msg=request"); n != len(tests) || !strings.Contains(l, "status=500") {
		t.Errorf("want one request line with status 500 per request:\n%s", l)
	}
}

// TestRecoverAfterWrite: once a response has started, a panic cannot
// become an error page; the partial response is left alone.
func TestRecoverAfterWrite(t *testing.T) {
	s := &server{log: slog.New(slog.DiscardHandler), now: time.Now, static: newStaticFiles()}
	h := s.recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("partial"))
		panic("late")
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	if w.Code != http.StatusOK || w.Body.String() != "partial" {
		t.Errorf("status %d, body %q", w.Code, w.Body.String())
	}
}

func TestRequestLog(t *testing.T) {
	f := newFixture(t)
	f.get(t, "/standards/GB%206675.4-2014?lang=en")
	f.get(t, "/no/such/page")
	lines := strings.Split(strings.TrimSpace(f.logs.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one log line per request, got:\n%s", f.logs.String())
	}
	for i, want := range []string{
		`msg=request method=GET path="/standards/GB%206675.4-2014?lang=en" status=200`,
		`msg=request method=GET path=/no/such/page status=404`,
	} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("log line %q lacks %q", lines[i], want)
		}
	}
}

func TestStatic(t *testing.T) {
	f := newFixture(t)
	css := newStaticFiles().url("style.css")
	resp := f.get(t, css)
	b := body(t, resp)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/css; charset=utf-8" || !strings.Contains(b, "font-family") {
		t.Fatalf("GET %s: status %d, Content-Type %q", css, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned URL: Cache-Control %q", cc)
	}
	if cc := f.get(t, "/static/style.css?v=old").Header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
		t.Errorf("stale version: Cache-Control %q", cc)
	}
	etag := resp.Header.Get("ETag")
	if resp := f.get(t, "/static/style.css", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d", resp.StatusCode)
	}
	if resp := f.get(t, "/static/icon.svg"); resp.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("icon: Content-Type %q", resp.Header.Get("Content-Type"))
	}
	checkSecurityHeaders(t, resp)
}

func TestGolden(t *testing.T) {
	f := newFixture(t)
	pages := []struct{ name, target string }{
		{"home.zh.html", "/"},
		{"home.en.html", "/?lang=en"},
		{"search.zh.html", "/search?q=lead"},
		{"standard.zh.html", "/standards/GB%206675.4-2014"},
		{"standard.en.html", "/standards/GB%206675.4-2014?lang=en"},
		{"notification.zh.html", "/notifications/G/TBT/N/EU/1123/Add.1"},
		{"regulation.zh.html", "/regulations/Directive%202009/48/EC"},
		{"mappings.zh.html", "/mappings"},
		{"mapping.zh.html", "/mapping?foreign=EN%2071-3:2019%2BA1:2021&domestic=GB%206675.4-2014"},
		{"compare.zh.html", "/compare?topic=toy-element-migration"},
		{"guides.zh.html", "/guides"},
		{"guide.en.html", "/guides/jp-food?lang=en"},
		{"notfound.zh.html", "/standards/GB%201-1999"},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			goldenPage(t, p.name, body(t, f.get(t, p.target)))
		})
	}
}
