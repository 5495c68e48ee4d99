package auth

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/store"
)

func TestCheckCSRF(t *testing.T) {
	e := newEnv(t, Options{})
	sess := e.login(t, "curator")
	token := e.m.Token(withCookie(sess))
	if token == "" {
		t.Fatal("no token for a logged-in request")
	}
	other := e.m.Token(withCookie(e.login(t, "curator"))) // another session's
	tests := []struct {
		name    string
		method  string
		anon    bool
		field   string // form field
		header  map[string]string
		status  int
		payload string // raw body instead of the form
	}{
		{name: "GET needs no token", method: "GET", anon: true, status: 200},
		{name: "HEAD needs no token", method: "HEAD", status: 200},
		{name: "OPTIONS needs no token", method: "OPTIONS", status: 200},
		{name: "right field", method: "POST", field: token, status: 200},
		{name: "right header", method: "POST", header: map[string]string{CSRFHeader: token}, status: 200},
		{name: "right token, DELETE", method: "DELETE", header: map[string]string{CSRFHeader: token}, status: 200},
		{name: "missing", method: "POST", status: 403},
		{name: "empty", method: "POST", field: "", status: 403},
		{name: "wrong", method: "POST", field: token[:len(token)-1] + "x", status: 403},
		{name: "prefix", method: "POST", field: token[:10], status: 403},
		{name: "another session's", method: "POST", field: other, status: 403},
		{name: "no session", method: "POST", anon: true, field: token, status: 403},
		{name: "no session, no token", method: "POST", anon: true, status: 403},
		{name: "PUT without token", method: "PUT", status: 403},
		{name: "same origin", method: "POST", field: token, header: map[string]string{"Origin": "http://kb.example"}, status: 200},
		{name: "same origin, default port in Host", method: "POST", field: token, header: map[string]string{"Origin": "http://kb.example", "Host": "kb.example:80"}, status: 200},
		{name: "same origin, other case", method: "POST", field: token, header: map[string]string{"Origin": "http://KB.example"}, status: 200},
		{name: "origin mismatch", method: "POST", field: token, header: map[string]string{"Origin": "http://evil.example"}, status: 403},
		{name: "origin on another port", method: "POST", field: token, header: map[string]string{"Origin": "http://kb.example:8080"}, status: 403},
		{name: "origin null", method: "POST", field: token, header: map[string]string{"Origin": "null"}, status: 403},
		{name: "origin mismatch beats a good referer", method: "POST", field: token, header: map[string]string{"Origin": "http://evil.example", "Referer": "http://kb.example/x"}, status: 403},
		{name: "referer same host", method: "POST", field: token, header: map[string]string{"Referer": "http://kb.example/mappings?x=1"}, status: 200},
		{name: "referer mismatch", method: "POST", field: token, header: map[string]string{"Referer": "http://evil.example/kb.example"}, status: 403},
		{name: "referer not a URL", method: "POST", field: token, header: map[string]string{"Referer": "::"}, status: 403},
		{name: "cross-site fetch", method: "POST", field: token, header: map[string]string{"Sec-Fetch-Site": "cross-site"}, status: 403},
		{name: "same-origin fetch", method: "POST", field: token, header: map[string]string{"Sec-Fetch-Site": "same-origin"}, status: 200},
		{name: "token in a JSON body is not read", method: "POST", header: map[string]string{"Content-Type": "application/json"}, payload: `{"csrf_token":"` + token + `"}`, status: 403},
	}
	for _, tt := range tests {
		body := tt.payload
		if body == "" && tt.field != "" {
			body = url.Values{CSRFField: {tt.field}, "note": {"x"}}.Encode()
		}
		r := httptest.NewRequest(tt.method, "http://kb.example/mappings", strings.NewReader(body))
		if tt.payload == "" {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		for k, v := range tt.header {
			if k == "Host" {
				r.Host = v
			} else {
				r.Header.Set(k, v)
			}
		}
		if !tt.anon {
			r.AddCookie(sess)
		}
		var ran bool
		rec := httptest.NewRecorder()
		e.m.CheckCSRF(ok(&ran)).ServeHTTP(rec, r)
		if rec.Code != tt.status || ran != (tt.status == 200) {
			t.Errorf("%s: status %d, handler ran %v; want %d", tt.name, rec.Code, ran, tt.status)
		}
		if tt.status != 200 {
			if got := e.lastForbid(); got != tt.status {
				t.Errorf("%s: OnForbidden got %d, want %d", tt.name, got, tt.status)
			}
		}
	}
}

func TestCheckCSRFSecureWantsHTTPS(t *testing.T) {
	e := newEnv(t, Options{Secure: true})
	sess := e.login(t, "curator")
	token := e.m.Token(withCookie(sess))
	for origin, want := range map[string]int{"https://kb.example": 200, "http://kb.example": 403, "https://kb.example:443": 200} {
		r := httptest.NewRequest("POST", "https://kb.example/mappings", strings.NewReader(url.Values{CSRFField: {token}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", origin)
		r.AddCookie(sess)
		var ran bool
		rec := httptest.NewRecorder()
		e.m.CheckCSRF(ok(&ran)).ServeHTTP(rec, r)
		if rec.Code != want {
			t.Errorf("Origin %s: status %d, want %d", origin, rec.Code, want)
		}
	}
}

func TestLoginFormCSRF(t *testing.T) {
	e := newEnv(t, Options{})
	// The login page sets the nonce cookie and gives the field's value.
	rec := httptest.NewRecorder()
	field := e.m.LoginToken(rec, httptest.NewRequest("GET", "/login", nil))
	nonce := cookieNamed(rec.Result(), LoginCookie)
	if nonce == nil || !nonce.HttpOnly || nonce.SameSite != http.SameSiteLaxMode || nonce.MaxAge <= 0 || field == "" || field == nonce.Value {
		t.Fatalf("LoginToken = %q with cookie %+v", field, nonce)
	}
	// Shown again (another tab), the form keeps the visitor's nonce.
	rec = httptest.NewRecorder()
	if again := e.m.LoginToken(rec, withCookie(nonce)); again != field || cookieNamed(rec.Result(), LoginCookie).Value != nonce.Value {
		t.Errorf("LoginToken with the nonce cookie: %q, want %q and the same cookie", again, field)
	}
	// Another site's key signs a token this one refuses.
	stranger, err := New(e.st, Options{Secret: []byte(strings.Repeat("k", 32)), Params: cheap})
	if err != nil {
		t.Fatal(err)
	}
	strangeField := stranger.LoginToken(httptest.NewRecorder(), withCookie(nonce))
	sess := e.login(t, "curator")

	tests := []struct {
		name   string
		path   string
		cookie []*http.Cookie
		field  string
		status int
	}{
		{"pair", "/login", []*http.Cookie{nonce}, field, 200},
		{"pair, logged in already", "/login", []*http.Cookie{nonce, sess}, field, 200},
		{"no cookie", "/login", nil, field, 403},
		{"no field", "/login", []*http.Cookie{nonce}, "", 403},
		{"field is the nonce", "/login", []*http.Cookie{nonce}, nonce.Value, 403},
		{"other key", "/login", []*http.Cookie{nonce}, strangeField, 403},
		{"planted nonce", "/login", []*http.Cookie{{Name: LoginCookie, Value: "AAAAAAAAAAAAAAAAAAAAAAAAAA"}}, field, 403},
		{"session token on the login form", "/login", []*http.Cookie{sess}, e.m.Token(withCookie(sess)), 403},
		{"pair elsewhere", "/mappings", []*http.Cookie{nonce}, field, 403},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", tt.path, strings.NewReader(url.Values{CSRFField: {tt.field}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for _, c := range tt.cookie {
			r.AddCookie(c)
		}
		var ran bool
		rec := httptest.NewRecorder()
		e.m.CheckCSRF(ok(&ran)).ServeHTTP(rec, r)
		if rec.Code != tt.status || ran != (tt.status == 200) {
			t.Errorf("%s: status %d, handler ran %v; want %d", tt.name, rec.Code, ran, tt.status)
		}
	}
}

// TestSite runs the whole flow through a browser-like client: login form,
// login, a curator's form, logout.
func TestSite(t *testing.T) {
	e := newEnv(t, Options{})
	m := e.m
	field := regexp.MustCompile(`name="csrf_token" value="([^"]*)"`)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<form method="post"><input type="hidden" name="csrf_token" value="`+m.LoginToken(w, r)+`"></form>`)
	})
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		if _, err := m.Login(r.Context(), w, r.PostFormValue("name"), r.PostFormValue("password")); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		http.Redirect(w, r, SafeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
	})
	mux.Handle("POST /logout", m.Require(store.RoleReader, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := m.Logout(r.Context(), w, r); err != nil {
			t.Error(err)
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})))
	mux.Handle("/curate", m.Require(store.RoleCurator, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _, _ := m.Current(r)
		io.WriteString(w, r.Method+" by "+u.Name+` <input type="hidden" name="csrf_token" value="`+m.Token(r)+`">`)
	})))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "home") })
	srv := httptest.NewServer(m.CheckCSRF(mux))
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	c := srv.Client()
	c.Jar = jar

	get := func(path string) string {
		t.Helper()
		res, err := c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.Request.URL.Path + ": " + string(b)
	}
	post := func(path string, form url.Values) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", srv.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", srv.URL)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Request.URL.Path + ": " + string(b)
	}
	tokenIn := func(page string) string {
		t.Helper()
		m := field.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no token in %q", page)
		}
		return m[1]
	}

	page := get("/curate") // redirected to the login form
	if !strings.HasPrefix(page, "/login: ") {
		t.Fatalf("anonymous /curate gave %q", page)
	}
	if code, _ := post("/login?next=/curate", url.Values{"name": {"curator"}, "password": {password}}); code != 403 {
		t.Errorf("login without the form's token: %d", code)
	}
	code, page := post("/login?next=/curate", url.Values{"name": {"curator"}, "password": {password}, CSRFField: {tokenIn(page)}})
	if code != 200 || !strings.HasPrefix(page, "/curate: GET by curator") {
		t.Fatalf("login: %d %q", code, page)
	}
	if code, _ := post("/curate", url.Values{"note": {"x"}}); code != 403 {
		t.Errorf("curator's form without a token: %d", code)
	}
	if code, page := post("/curate", url.Values{CSRFField: {tokenIn(page)}}); code != 200 || !strings.HasPrefix(page, "/curate: POST by curator") {
		t.Errorf("curator's form: %d %q", code, page)
	}
	token := tokenIn(get("/curate"))
	if code, page := post("/logout", url.Values{CSRFField: {token}}); code != 200 || page != "/: home" {
		t.Errorf("logout: %d %q", code, page)
	}
	if page := get("/curate"); !strings.HasPrefix(page, "/login: ") {
		t.Errorf("/curate after logout gave %q", page)
	}
}

// TestFormPathsCSRF checks CheckCSRFWith's anonymous forms, which take
// the login form's pre-session pair, and its exempt paths, which pass
// with nothing at all.
func TestFormPathsCSRF(t *testing.T) {
	e := newEnv(t, Options{})
	rec := httptest.NewRecorder()
	field := e.m.AnonymousToken(rec, httptest.NewRequest("GET", "/alerts", nil))
	nonce := cookieNamed(rec.Result(), LoginCookie)
	sess := e.login(t, "curator")
	session := e.m.Token(withCookie(sess))
	paths := FormPaths{Anonymous: []string{"/alerts"}, Exempt: []string{"/alerts/unsubscribe", "/api/subscriptions/"}}

	tests := []struct {
		name   string
		path   string
		cookie []*http.Cookie
		field  string
		header map[string]string
		status int
	}{
		{name: "anonymous form, pair", path: "/alerts", cookie: []*http.Cookie{nonce}, field: field, status: 200},
		{name: "under an anonymous form's path", path: "/alerts/manage/pause", cookie: []*http.Cookie{nonce}, field: field, status: 200},
		{name: "anonymous form, signed in too", path: "/alerts/link", cookie: []*http.Cookie{nonce, sess}, field: field, status: 200},
		{name: "anonymous form, no cookie", path: "/alerts", field: field, status: 403},
		{name: "anonymous form, no field", path: "/alerts", cookie: []*http.Cookie{nonce}, status: 403},
		{name: "anonymous form, session token", path: "/alerts", cookie: []*http.Cookie{sess}, field: session, status: 403},
		{name: "anonymous form, other site", path: "/alerts", cookie: []*http.Cookie{nonce}, field: field, header: map[string]string{"Origin": "http://evil.example"}, status: 403},
		{name: "a path that only starts alike", path: "/alertsx", cookie: []*http.Cookie{nonce}, field: field, status: 403},
		{name: "the login form still takes the pair", path: "/login", cookie: []*http.Cookie{nonce}, field: field, status: 200},
		{name: "session forms still refuse the pair", path: "/mappings", cookie: []*http.Cookie{nonce}, field: field, status: 403},
		{name: "session forms still take the session's", path: "/mappings", cookie: []*http.Cookie{sess}, field: session, status: 200},
		{name: "exempt: nothing at all", path: "/alerts/unsubscribe", status: 200},
		{name: "exempt: another site's Origin", path: "/alerts/unsubscribe", header: map[string]string{"Origin": "http://mail.example", "Sec-Fetch-Site": "cross-site"}, status: 200},
		{name: "exempt with a trailing slash: the path itself", path: "/api/subscriptions", status: 200},
		{name: "exempt: under it", path: "/api/subscriptions/7", status: 200},
		{name: "not exempt: beside it", path: "/alerts/unsubscribed", status: 403},
		{name: "not exempt: above it", path: "/api", status: 403},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "http://kb.example"+tt.path, strings.NewReader(url.Values{CSRFField: {tt.field}, "List-Unsubscribe": {"One-Click"}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range tt.header {
			r.Header.Set(k, v)
		}
		for _, c := range tt.cookie {
			r.AddCookie(c)
		}
		var ran bool
		rec := httptest.NewRecorder()
		e.m.CheckCSRFWith(ok(&ran), paths).ServeHTTP(rec, r)
		if rec.Code != tt.status || ran != (tt.status == 200) {
			t.Errorf("%s: status %d, handler ran %v; want %d", tt.name, rec.Code, ran, tt.status)
		}
	}
	// Without the paths, CheckCSRF is what it was: nothing is exempt.
	var ran bool
	rec = httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/alerts/unsubscribe", nil)
	e.m.CheckCSRF(ok(&ran)).ServeHTTP(rec, r)
	if rec.Code != 403 || ran {
		t.Errorf("CheckCSRF without paths let %s through: %d", r.URL.Path, rec.Code)
	}
}
