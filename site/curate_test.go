package site

import (
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/auth"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// cheap keeps password hashing fast in tests; the cost is not what is
// tested here.
var cheap = auth.Params{Memory: 64, Time: 1, Threads: 1}

// curationSite serves the fixture with sign-in, and has a curator, a
// reviewer and a second reviewer.
func curationSite(t *testing.T) (*fixture, *httptest.Server) {
	t.Helper()
	f := newFixture(t)
	m, err := auth.New(f.store, auth.Options{Secret: []byte(strings.Repeat("k", 32)), Params: cheap})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name string
		role store.Role
	}{{"cora", store.RoleCurator}, {"rex", store.RoleReviewer}, {"rita", store.RoleReviewer}} {
		if _, err := f.store.AddUser(t.Context(), store.User{Name: u.name, Role: u.role, PasswordHash: cheap.Hash("correct horse battery")}); err != nil {
			t.Fatal(err)
		}
	}
	f.h = New(Config{Store: f.store, Search: f.ix, Auth: m, Writer: f.store, History: f.store, Now: func() time.Time { return testNow }})
	srv := httptest.NewServer(f.h)
	t.Cleanup(srv.Close)
	return f, srv
}

// client is a browser-like client: cookies, no redirects followed.
func client(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var reToken = regexp.MustCompile(`name="csrf_token" value="([^"]*)"`)

// formToken GETs a page and returns its form's anti-forgery token.
func formToken(t *testing.T, c *http.Client, srv *httptest.Server, path string) string {
	t.Helper()
	resp, err := c.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	b := body(t, resp)
	m := reToken.FindStringSubmatch(b)
	if m == nil {
		t.Fatalf("GET %s (%d): no csrf_token in the page", path, resp.StatusCode)
	}
	return m[1]
}

func post(t *testing.T, c *http.Client, srv *httptest.Server, path string, form url.Values) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", srv.URL)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func signIn(t *testing.T, srv *httptest.Server, name string) *http.Client {
	t.Helper()
	c := client(t)
	tok := formToken(t, c, srv, "/login")
	resp := post(t, c, srv, "/login", url.Values{"csrf_token": {tok}, "name": {name}, "password": {"correct horse battery"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", name, resp.StatusCode)
	}
	return c
}

func TestCurationWorkflow(t *testing.T) {
	f, srv := curationSite(t)
	foreign, domestic := "ISO 9001:2015", "GB/T 19001-2016"
	public := templates.MappingURL(foreign, domestic)

	// Anonymous visitors are sent to sign in and cannot post.
	anon := client(t)
	resp, _ := anon.Get(srv.URL + "/curate")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("anonymous GET /curate = %d %s; want a redirect to /login", resp.StatusCode, resp.Header.Get("Location"))
	}

	cora := signIn(t, srv, "cora")
	tok := formToken(t, cora, srv, "/curate/mapping")
	form := url.Values{"foreign": {foreign}, "domestic": {domestic}, "degree": {"IDT"}, "deviations": {"- none found\n- same clauses"}, "note": {"foreword of GB/T 19001-2016"},
		"topic": {"qms-audit"}, "indicators": {"audit interval | certification | months | <= 12 | <= 12 | ISO 17021\n"}}
	// Without the token the form is refused and nothing is written.
	if resp := post(t, cora, srv, "/curate/mapping", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST without csrf_token = %d; want 403", resp.StatusCode)
	}
	if _, err := f.store.Mapping(t.Context(), foreign, domestic); err == nil {
		t.Fatal("a refused form wrote the mapping")
	}
	form.Set("csrf_token", tok)
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("indicators", "lead | toy material")
	if resp := post(t, cora, srv, "/curate/mapping", bad); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body(t, resp), "indicator line 1") {
		t.Errorf("a malformed indicator line was not refused with its line number")
	}
	if resp := post(t, cora, srv, "/curate/mapping", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("propose: status %d", resp.StatusCode)
	}
	// Proposed: not public yet.
	if resp, _ := anon.Get(srv.URL + public); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a proposed mapping is public: %d", resp.StatusCode)
	}
	// A curator cannot approve.
	if resp := post(t, cora, srv, "/curate/review", url.Values{"csrf_token": {tok}, "foreign": {foreign}, "domestic": {domestic}, "decision": {"approve"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("curator approving = %d; want 403", resp.StatusCode)
	}

	rex := signIn(t, srv, "rex")
	hist := templates.CurateHistoryURL(foreign, domestic)
	rtok := formToken(t, rex, srv, hist)
	if resp := post(t, rex, srv, "/curate/review", url.Values{"csrf_token": {rtok}, "foreign": {foreign}, "domestic": {domestic}, "decision": {"reject"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("reject without a comment = %d; want 400", resp.StatusCode)
	}
	if resp := post(t, rex, srv, "/curate/review", url.Values{"csrf_token": {rtok}, "foreign": {foreign}, "domestic": {domestic}, "decision": {"approve"}, "comment": {"checked against the foreword"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: status %d", resp.StatusCode)
	}
	// The approved indicator rows join the comparisons.
	rows, err := f.store.Requirements(t.Context(), store.RequirementFilter{Topic: "qms-audit"})
	if err != nil || len(rows) != 2 || rows[0].Limit != "12" {
		t.Errorf("requirement rows after approval = %+v, %v; want one per side", rows, err)
	}
	page := body(t, mustGet(t, anon, srv.URL+public))
	if !strings.Contains(page, "GB/T 19001-2016") || !strings.Contains(page, "same clauses") {
		t.Errorf("the approved mapping's public page lacks its content")
	}

	// Every change is a version with who and why; the history shows the diff.
	versions, err := f.store.History(t.Context(), kb.KindMapping, foreign+" ~ "+domestic)
	if err != nil || len(versions) != 2 || versions[0].Actor != "cora" || versions[1].Actor != "rex" || versions[1].Note != "checked against the foreword" {
		t.Fatalf("versions = %+v, %v", versions, err)
	}
	h := body(t, mustGet(t, rex, srv.URL+hist))
	for _, want := range []string{"cora", "rex", "checked against the foreword", `<del>proposed</del>`, `<ins>approved</ins>`, `class="diff-add"`} {
		if !strings.Contains(h, want) {
			t.Errorf("history page lacks %q", want)
		}
	}

	// A reviewer does not review their own edit.
	tok = formToken(t, rex, srv, templates.CurateEditURL(foreign, domestic))
	edit := url.Values{"csrf_token": {tok}, "foreign": {foreign}, "domestic": {domestic}, "degree": {"MOD"}, "note": {"MOD after all"}}
	if resp := post(t, rex, srv, "/curate/mapping", edit); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	if resp := post(t, rex, srv, "/curate/review", url.Values{"csrf_token": {tok}, "foreign": {foreign}, "domestic": {domestic}, "decision": {"approve"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("approving one's own edit = %d; want 403", resp.StatusCode)
	}
}

func mustGet(t *testing.T, c *http.Client, u string) *http.Response {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}
