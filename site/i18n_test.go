package site

import (
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/kb"
)

func TestChooseLang(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name       string
		target     string
		header     []string
		wantLang   string // the <html lang>
		wantCookie string // Set-Cookie value, "" for none
	}{
		{"default", "/", nil, "zh-CN", ""},
		{"accept english", "/", []string{"Accept-Language", "en-US,en;q=0.9"}, "en", ""},
		{"accept chinese first", "/", []string{"Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"}, "zh-CN", ""},
		{"accept english first", "/", []string{"Accept-Language", "en;q=0.9,zh;q=0.5"}, "en", ""},
		{"accept neither", "/", []string{"Accept-Language", "fr-FR,de;q=0.8"}, "zh-CN", ""},
		{"cookie", "/", []string{"Cookie", "lang=en"}, "en", ""},
		{"cookie beats accept", "/", []string{"Cookie", "lang=zh", "Accept-Language", "en"}, "zh-CN", ""},
		{"bad cookie", "/", []string{"Cookie", "lang=fr"}, "zh-CN", ""},
		{"query", "/?lang=en", nil, "en", "en"},
		{"query beats cookie", "/?lang=zh", []string{"Cookie", "lang=en"}, "zh-CN", "zh"},
		{"bad query", "/?lang=xx", []string{"Cookie", "lang=en"}, "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := f.get(t, tt.target, tt.header...)
			b := body(t, resp)
			if want := `<html lang="` + tt.wantLang + `">`; !strings.Contains(b, want) {
				t.Errorf("page lacks %s", want)
			}
			var got string
			for _, c := range resp.Cookies() {
				if c.Name == "lang" {
					got = c.Value
					if c.Path != "/" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.MaxAge <= 0 {
						t.Errorf("cookie %+v", c)
					}
				}
			}
			if got != tt.wantCookie {
				t.Errorf("lang cookie %q, want %q", got, tt.wantCookie)
			}
		})
	}
}

// TestLanguageSwitch follows the switch link on a real server with a
// cookie jar: the choice sticks for later pages.
func TestLanguageSwitch(t *testing.T) {
	f := newFixture(t)
	srv := httptest.NewServer(f.h)
	defer srv.Close()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Jar: jar}
	fetch := func(path string) string {
		t.Helper()
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return body(t, resp)
	}
	page := fetch("/standards/GB/T%2019001-2016")
	link := regexp.MustCompile(`class="lang-switch" href="([^"]+)"`).FindStringSubmatch(page)
	if link == nil {
		t.Fatal("no language switch link")
	}
	if want := "/standards/GB/T%2019001-2016?lang=en"; link[1] != want {
		t.Fatalf("switch link %q, want %q", link[1], want)
	}
	if page := fetch(link[1]); !strings.Contains(page, `<html lang="en">`) || !strings.Contains(page, `href="/standards/GB/T%2019001-2016?lang=zh"`) {
		t.Error("the switch link does not give the English page linking back")
	}
	if page := fetch("/search?q=toys"); !strings.Contains(page, `<html lang="en">`) || !strings.Contains(page, `href="/search?lang=zh&amp;q=toys"`) {
		t.Error("the choice did not stick, or the switch link lost the query")
	}
}

func TestAcceptLanguage(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", ""},
		{"en", "en"},
		{"zh", "zh"},
		{"zh-TW", "zh"},
		{"EN-gb", "en"},
		{"en;q=0.5, zh;q=0.5", "zh"},
		{"en;q=0.6, zh;q=0.5", "en"},
		{"fr, en;q=0.1", "en"},
		{"en;q=0", ""},
		{"en;q=abc, zh;q=0.1", "zh"},
		{"en;q=2", ""},
		{"*", ""},
	}
	for _, tt := range tests {
		if got := acceptLanguage(tt.header); got != tt.want {
			t.Errorf("acceptLanguage(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func FuzzAcceptLanguage(f *testing.F) {
	for _, s := range []string{"en-US,en;q=0.9", "zh-CN,zh;q=0.9,en;q=0.8", ";;;,,q=", "en;q=NaN", "zh;q=1e-400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if got := acceptLanguage(h); got != "" && got != langZh && got != langEn {
			t.Errorf("acceptLanguage(%q) = %q", h, got)
		}
	})
}

var reKeyUse = regexp.MustCompile(`(?:\b[tT]|translator\([a-z]+\))\("([a-zA-Z]+\.[a-zA-Z_.]+)"`)

// TestMessages checks the i18n table against its users: every key used in
// the templates and handlers exists, every entry has both languages, and
// no entry is left unused.
func TestMessages(t *testing.T) {
	files, err := filepath.Glob("../templates/*.templ")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../templates/*.go")
	files = append(files, more...)
	more, _ = filepath.Glob("*.go")
	files = append(files, more...)
	used := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_templ.go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range reKeyUse.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s uses the undefined message %q", name, m[1])
			}
		}
	}
	if len(used) < 100 {
		t.Fatalf("found only %d message keys in use; is the pattern still right?", len(used))
	}
	for key, m := range messages {
		if m.zh == "" || m.en == "" {
			t.Errorf("message %q lacks a language", key)
		}
		if strings.Count(m.zh, "%") != strings.Count(m.en, "%") {
			t.Errorf("message %q: the languages take different arguments", key)
		}
		// Topic names are looked up by the topics the data holds:
		// TestTopicNames checks them against the seed instead.
		if !used[key] && !strings.HasPrefix(key, "topic.") {
			t.Errorf("message %q is not used", key)
		}
	}
}

// Every comparison topic of the seed has a name in both languages, and
// every named topic is one of the seed's.
func TestTopicNames(t *testing.T) {
	recs, err := content.SeedRecords()
	if err != nil {
		t.Fatal(err)
	}
	topics := map[string]bool{}
	for _, r := range recs {
		if q, ok := r.(*kb.Requirement); ok {
			topics[q.Topic] = true
		}
	}
	for topic := range topics {
		if _, ok := messages["topic."+topic]; !ok {
			t.Errorf("topic %q has no name (message topic.%s)", topic, topic)
		}
	}
	for key := range messages {
		if slug, ok := strings.CutPrefix(key, "topic."); ok && !topics[slug] {
			t.Errorf("message %q names no topic of the seed", key)
		}
	}
}
