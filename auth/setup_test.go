package auth

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

const password = "correct horse battery"

var secret = []byte("0123456789abcdef0123456789abcdef")

// clock is a settable Options.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// env is a Manager on a real SQLite store holding one user per role
// (named after it) and a disabled curator, "gone".
type env struct {
	m       *Manager
	st      *sqlite.Store
	clock   *clock
	users   map[string]store.User
	forbids []int // statuses given to OnForbidden
	mu      sync.Mutex
}

func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{st: st, clock: &clock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}, users: map[string]store.User{}}
	opts.Secret = secret
	opts.Params = cheap
	opts.Now = e.clock.Now
	opts.OnForbidden = func(w http.ResponseWriter, r *http.Request, status int) {
		e.mu.Lock()
		e.forbids = append(e.forbids, status)
		e.mu.Unlock()
		http.Error(w, "refused", status)
	}
	if e.m, err = New(st, opts); err != nil {
		t.Fatal(err)
	}
	for _, u := range []store.User{
		{Name: "reader", Role: store.RoleReader},
		{Name: "curator", Role: store.RoleCurator},
		{Name: "reviewer", Role: store.RoleReviewer},
		{Name: "admin", Role: store.RoleAdmin},
		{Name: "gone", Role: store.RoleCurator, Disabled: true},
	} {
		u.PasswordHash = cheap.Hash(password)
		if u.ID, err = st.AddUser(t.Context(), u); err != nil {
			t.Fatal(err)
		}
		e.users[u.Name] = u
	}
	return e
}

// login logs name in and returns the session cookie.
func (e *env) login(t *testing.T, name string) *http.Cookie {
	t.Helper()
	rec := httptest.NewRecorder()
	if _, err := e.m.Login(t.Context(), rec, name, password); err != nil {
		t.Fatalf("Login(%s): %v", name, err)
	}
	c := cookieNamed(rec.Result(), SessionCookie)
	if c == nil {
		t.Fatalf("Login(%s) set no session cookie", name)
	}
	return c
}

func cookieNamed(res *http.Response, name string) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// lastForbid returns the last status given to OnForbidden, 0 if none, and
// forgets them.
func (e *env) lastForbid() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.forbids) == 0 {
		return 0
	}
	s := e.forbids[len(e.forbids)-1]
	e.forbids = nil
	return s
}

// ok answers 200 "ok" and records that it ran.
func ok(ran *bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*ran = true
		w.Write([]byte("ok"))
	})
}
