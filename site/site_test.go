package site

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/mapping"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

// testNow is the fixture's today: G/SPS/N/USA/3500 (deadline 2026-03-21)
// and the ePing notification (2026-04-10) are open for comment, the EU
// chain is closed.
var testNow = time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)

// fixture is the real handler over a real SQLite store and a real
// in-memory index, loaded from testdata/kb.jsonl.
type fixture struct {
	h     http.Handler
	store *sqlite.Store
	ix    *index.Index
	recs  map[string]kb.Record // fixture records by kind + ":" + key
	logs  *syncBuffer
	ready error
}

// syncBuffer is a log sink safe for concurrent requests.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newFixture(t *testing.T, extra ...kb.Record) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	recs, err := ingest.ReadFile("testdata/kb.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	recs = append(recs, extra...)
	if _, err := ingest.Import(ctx, st, "kb.jsonl", recs); err != nil {
		t.Fatal(err)
	}
	ix, err := index.NewMemory(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(ctx, recs...); err != nil {
		t.Fatal(err)
	}
	glossary, err := content.LoadGlossary()
	if err != nil {
		t.Fatal(err)
	}
	guides, err := content.LoadGuides(os.DirFS("testdata/guides"))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{store: st, ix: ix, recs: map[string]kb.Record{}, logs: &syncBuffer{}}
	for _, r := range recs {
		f.recs[string(r.Kind())+":"+r.Key()] = r
	}
	f.h = New(Config{
		Store:    st,
		Search:   ix,
		Guides:   guides,
		Crawls:   st,
		Mappings: mapping.NewCache(st, mapping.NewGlossary(glossary), time.Hour),
		Logger:   slog.New(slog.NewTextHandler(f.logs, nil)),
		Now:      func() time.Time { return testNow },
		Ready:    func(context.Context) error { return f.ready },
	})
	return f
}

// get serves one request; header holds name, value pairs.
func (f *fixture) get(t *testing.T, target string, header ...string) *http.Response {
	t.Helper()
	return f.do(t, http.MethodGet, target, header...)
}

func (f *fixture) do(t *testing.T, method, target string, header ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkHTML checks what every page must be: one h1, a lang attribute, a
// label for every form control, scoped table headers, unique ids.
func checkHTML(t *testing.T, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	var h1 int
	labels := map[string]bool{}
	ids := map[string]bool{}
	var controls []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			if id, ok := a["id"]; ok {
				if ids[id] {
					t.Errorf("duplicate id %q", id)
				}
				ids[id] = true
			}
			switch n.Data {
			case "html":
				if a["lang"] == "" {
					t.Error("<html> has no lang")
				}
			case "h1":
				h1++
			case "label":
				labels[a["for"]] = true
			case "input", "select", "textarea":
				if typ := a["type"]; typ != "hidden" && typ != "submit" && typ != "button" {
					controls = append(controls, a["id"])
				}
			case "th":
				if a["scope"] != "col" && a["scope"] != "row" {
					t.Errorf("<th> without scope")
				}
			case "script":
				t.Error("page has a <script>")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if h1 != 1 {
		t.Errorf("page has %d h1, want 1", h1)
	}
	for _, id := range controls {
		if id == "" || !labels[id] {
			t.Errorf("form control %q has no label", id)
		}
	}
}

var (
	reCSSVersion  = regexp.MustCompile(`\?v=[0-9a-f]{12}`)
	reLastChanged = regexp.MustCompile(`(最近更新：|Last updated: )(\d{4}年\d{1,2}月\d{1,2}日|\d{1,2} [A-Z][a-z]{2} \d{4})`)
)

// golden compares got with testdata/golden/name, or rewrites it with
// -update. The static files' hashes and the store's last change date
// (the time of the test's import) are masked.
func goldenPage(t *testing.T, name, got string) {
	t.Helper()
	got = reCSSVersion.ReplaceAllString(got, "?v=HASH")
	got = reLastChanged.ReplaceAllString(got, "${1}DATE")
	golden.Check(t, filepath.Join("golden", name), []byte(got))
}
