package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/store"
)

func TestNew(t *testing.T) {
	e := newEnv(t, Options{})
	if _, err := New(e.st, Options{Secret: secret[:31]}); err == nil {
		t.Error("New accepted a 31-byte secret")
	}
	if _, err := New(nil, Options{Secret: secret}); err == nil {
		t.Error("New accepted no store")
	}
	// Unknown names are checked against a hash as costly as real ones.
	if p, _, _, err := decodeHash(e.m.dummy); err != nil || p != cheap {
		t.Errorf("dummy hash %q: params %+v, %v; want %+v", e.m.dummy, p, err, cheap)
	}
}

func TestLogin(t *testing.T) {
	tests := []struct {
		name, user, password string
		want                 error
	}{
		{"good", "curator", password, nil},
		{"name in another case, with spaces", "  Curator ", password, nil},
		{"bad password", "curator", password + "!", ErrBadLogin},
		{"empty password", "curator", "", ErrBadLogin},
		{"unknown user", "nobody", password, ErrBadLogin},
		{"name no account may have", "no body", password, ErrBadLogin},
		{"huge password", "curator", strings.Repeat("x", 1<<20), ErrBadLogin},
		{"disabled, right password", "gone", password, ErrDisabled},
		{"disabled, wrong password", "gone", "wrong wrong wrong", ErrBadLogin},
	}
	for _, secure := range []bool{false, true} {
		e := newEnv(t, Options{Secure: secure, MaxAge: 2 * time.Hour})
		for _, tt := range tests {
			rec := httptest.NewRecorder()
			u, err := e.m.Login(t.Context(), rec, tt.user, tt.password)
			res := rec.Result()
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: Login = %v, want %v", tt.name, err, tt.want)
				continue
			}
			if tt.want != nil {
				if len(res.Cookies()) != 0 || u.ID != 0 {
					t.Errorf("%s: refused login set cookies %v, returned %+v", tt.name, res.Cookies(), u)
				}
				continue
			}
			if u.ID != e.users["curator"].ID {
				t.Errorf("%s: logged in as %+v", tt.name, u)
			}
			c := cookieNamed(res, SessionCookie)
			if c == nil {
				t.Fatalf("%s: no session cookie in %v", tt.name, res.Cookies())
			}
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.MaxAge != 7200 || c.Secure != secure {
				t.Errorf("%s (secure %v): session cookie %+v", tt.name, secure, c)
			}
			raw, err := base64.RawURLEncoding.DecodeString(c.Value)
			if err != nil || len(raw) != 32 {
				t.Errorf("%s: token %q is not 32 random bytes", tt.name, c.Value)
			}
			// The store keeps the token's SHA-256, not the token.
			sum := sha256.Sum256(raw)
			s, err := e.st.SessionByTokenHash(t.Context(), hex.EncodeToString(sum[:]), e.clock.Now())
			if err != nil {
				t.Fatalf("%s: session not stored under the token's SHA-256: %v", tt.name, err)
			}
			if _, err := e.st.SessionByTokenHash(t.Context(), c.Value, e.clock.Now()); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: session stored under the token itself", tt.name)
			}
			if s.UserID != u.ID || len(s.CSRF) < 20 || !s.Expires.Equal(e.clock.Now().Add(2*time.Hour)) {
				t.Errorf("%s: stored session %+v", tt.name, s)
			}
			if lc := cookieNamed(res, LoginCookie); lc == nil || lc.MaxAge >= 0 {
				t.Errorf("%s: login form cookie not cleared: %+v", tt.name, lc)
			}
		}
	}
}

func TestSessionsDiffer(t *testing.T) {
	e := newEnv(t, Options{})
	c1, c2 := e.login(t, "curator"), e.login(t, "curator")
	if c1.Value == c2.Value {
		t.Fatal("two logins got one token")
	}
	csrf := func(c *http.Cookie) string {
		r := httptest.NewRequest("GET", "/", nil)
		r.AddCookie(c)
		return e.m.Token(r)
	}
	if a, b := csrf(c1), csrf(c2); a == "" || a == b {
		t.Errorf("CSRF tokens %q and %q: want one per session", a, b)
	}
}

func TestCurrent(t *testing.T) {
	e := newEnv(t, Options{MaxAge: time.Hour})
	good := e.login(t, "reviewer")
	ended := e.login(t, "reviewer")
	if err := e.m.Logout(t.Context(), httptest.NewRecorder(), withCookie(ended)); err != nil {
		t.Fatal(err)
	}
	disabled := e.login(t, "admin")
	if err := e.st.SetDisabled(t.Context(), e.users["admin"].ID, true); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		cookie *http.Cookie
		later  time.Duration
		want   string // user name; "" for anonymous
	}{
		{"no cookie", nil, 0, ""},
		{"good", good, 0, "reviewer"},
		{"good, just before expiry", good, time.Hour - time.Second, "reviewer"},
		{"expired", good, time.Hour, ""},
		{"logged out", ended, 0, ""},
		{"account disabled since", disabled, 0, ""},
		{"garbage", &http.Cookie{Name: SessionCookie, Value: "not a token"}, 0, ""},
		{"unknown token", &http.Cookie{Name: SessionCookie, Value: base64.RawURLEncoding.EncodeToString(make([]byte, 32))}, 0, ""},
	}
	for _, tt := range tests {
		e.clock.Advance(tt.later)
		u, s, err := e.m.Current(withCookie(tt.cookie))
		e.clock.Advance(-tt.later)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := ""
		if u != nil {
			got = u.Name
			if s == nil || s.UserID != u.ID {
				t.Errorf("%s: user %+v with session %+v", tt.name, u, s)
			}
		} else if s != nil {
			t.Errorf("%s: anonymous with session %+v", tt.name, s)
		}
		if got != tt.want {
			t.Errorf("%s: Current is %q, want %q", tt.name, got, tt.want)
		}
	}
}

func withCookie(c *http.Cookie) *http.Request {
	r := httptest.NewRequest("GET", "/", nil)
	if c != nil {
		r.AddCookie(c)
	}
	return r
}

func TestLogout(t *testing.T) {
	e := newEnv(t, Options{Secure: true})
	c := e.login(t, "curator")
	rec := httptest.NewRecorder()
	if err := e.m.Logout(t.Context(), rec, withCookie(c)); err != nil {
		t.Fatal(err)
	}
	cleared := cookieNamed(rec.Result(), SessionCookie)
	if cleared == nil || cleared.MaxAge >= 0 || cleared.Value != "" || !cleared.Secure || !cleared.HttpOnly {
		t.Errorf("Logout's cookie %+v, want one deleting the session cookie", cleared)
	}
	if u, _, _ := e.m.Current(withCookie(c)); u != nil {
		t.Error("the token still works after Logout: the session was not deleted")
	}
	// Logging out without a session, or twice, is fine.
	for _, r := range []*http.Request{withCookie(nil), withCookie(c)} {
		if err := e.m.Logout(t.Context(), httptest.NewRecorder(), r); err != nil {
			t.Error(err)
		}
	}
}

func TestExpiredSessionsAreSweptAtLogin(t *testing.T) {
	e := newEnv(t, Options{MaxAge: time.Hour})
	e.login(t, "curator")
	e.clock.Advance(2 * time.Hour)
	e.login(t, "reader")
	if n, err := e.st.DeleteExpiredSessions(t.Context(), e.clock.Now()); err != nil || n != 0 {
		t.Errorf("after a login, %d expired sessions were left (%v)", n, err)
	}
}

func TestRequire(t *testing.T) {
	e := newEnv(t, Options{})
	cookies := map[string]*http.Cookie{}
	for _, name := range []string{"reader", "curator", "reviewer", "admin"} {
		cookies[name] = e.login(t, name)
	}
	tests := []struct {
		min    store.Role
		user   string // "" anonymous
		method string
		status int
	}{
		{store.RoleReader, "reader", "GET", 200},
		{store.RoleReader, "admin", "GET", 200},
		{store.RoleCurator, "reader", "GET", 403},
		{store.RoleCurator, "curator", "POST", 200},
		{store.RoleCurator, "reviewer", "GET", 200},
		{store.RoleReviewer, "curator", "POST", 403},
		{store.RoleReviewer, "reviewer", "GET", 200},
		{store.RoleReviewer, "admin", "GET", 200},
		{store.RoleAdmin, "reviewer", "GET", 403},
		{store.RoleAdmin, "admin", "DELETE", 200},
		{store.RoleReader, "", "GET", 303},
		{store.RoleReader, "", "HEAD", 303},
		{store.RoleAdmin, "", "GET", 303},
		{store.RoleReader, "", "POST", 401},
		{store.RoleCurator, "", "PUT", 401},
		{"owner", "admin", "GET", 403}, // an unknown role fails closed
	}
	for _, tt := range tests {
		var ran bool
		var seen *store.User
		h := e.m.Require(tt.min, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ran = true
			seen, _, _ = e.m.Current(r)
		}))
		r := httptest.NewRequest(tt.method, "/mappings/edit?foreign=EN+71-3&x=1", nil)
		if tt.user != "" {
			r.AddCookie(cookies[tt.user])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != tt.status || ran != (tt.status == 200) {
			t.Errorf("Require(%s) %s by %q: status %d, handler ran %v; want %d", tt.min, tt.method, tt.user, rec.Code, ran, tt.status)
			continue
		}
		switch tt.status {
		case 200:
			if seen == nil || seen.Name != tt.user {
				t.Errorf("Require(%s) by %q: handler saw Current %+v", tt.min, tt.user, seen)
			}
		case 303:
			if loc := rec.Header().Get("Location"); loc != "/login?next=%2Fmappings%2Fedit%3Fforeign%3DEN%2B71-3%26x%3D1" {
				t.Errorf("redirect to %q", loc)
			}
		default:
			if got := e.lastForbid(); got != tt.status {
				t.Errorf("Require(%s) %s by %q: OnForbidden got %d, want %d", tt.min, tt.method, tt.user, got, tt.status)
			}
		}
	}
}

func TestRequireLoginPath(t *testing.T) {
	e := newEnv(t, Options{LoginPath: "/staff/login"})
	rec := httptest.NewRecorder()
	e.m.Require(store.RoleReader, http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
	if loc := rec.Header().Get("Location"); loc != "/staff/login?next=%2Fx" {
		t.Errorf("redirect to %q", loc)
	}
}

func TestDefaultOnForbidden(t *testing.T) {
	st := newEnv(t, Options{}).st
	m, err := New(st, Options{Secret: secret, Params: cheap})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	m.Require(store.RoleReader, http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("POST", "/x", nil))
	if rec.Code != 401 || !strings.Contains(rec.Body.String(), "Unauthorized") {
		t.Errorf("default refusal: %d %q", rec.Code, rec.Body)
	}
}

func TestSafeNext(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/mappings?x=1#y", "/mappings?x=1#y"},
		{"/", "/"},
		{"", "/"},
		{"mappings", "/"},
		{"//evil.example/x", "/"},
		{"/\\evil.example", "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"/x\r\nSet-Cookie: a=b", "/"},
		{"/%2F%2Fevil.example", "/%2F%2Fevil.example"}, // a path on this site
	}
	for _, tt := range tests {
		if got := SafeNext(tt.in); got != tt.want {
			t.Errorf("SafeNext(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
