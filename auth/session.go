package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/store"
)

// Names the site's pages and scripts use.
const (
	SessionCookie = "stdbridge_session"
	LoginCookie   = "stdbridge_login" // the login form's pre-session token
	CSRFField     = "csrf_token"      // hidden input of every form
	CSRFHeader    = "X-CSRF-Token"    // the same token, from scripts
)

// Login's refusals. Both unknown names and wrong passwords give
// ErrBadLogin, after the same work, so the answer does not tell which
// names exist. ErrDisabled comes only after a right password.
var (
	ErrBadLogin = errors.New("unknown user name or wrong password")
	ErrDisabled = errors.New("account disabled")
)

// Options configure a Manager.
type Options struct {
	// Secure marks cookies Secure (sent over HTTPS only) and makes the
	// origin check expect https. Set it whenever the site is served over
	// HTTPS, including behind a proxy that terminates TLS.
	Secure bool
	// MaxAge is how long a session lasts from login; 12 hours if zero.
	MaxAge time.Duration
	// Secret keys the login form's token; at least 32 random bytes, the
	// same for every process serving the site and kept across restarts
	// (a new secret only invalidates login forms already open).
	Secret []byte
	// Params is the password hashing cost; DefaultParams if zero. New
	// hashes are the CLI's business; this sets the cost of the dummy hash
	// unknown names are checked against, which should match the real ones.
	Params Params
	// LoginPath is the login page, where anonymous users are sent and
	// whose form carries the pre-session token; "/login" if empty.
	LoginPath string
	// OnForbidden answers a refused request with status 401, 403 or (when
	// the store fails) 500. The default writes the status text as plain
	// text.
	OnForbidden func(w http.ResponseWriter, r *http.Request, status int)
	// Now is the clock; time.Now if nil.
	Now func() time.Time
}

// Manager logs users in and out and guards handlers. It is safe for
// concurrent use.
type Manager struct {
	accounts store.Accounts
	opts     Options
	// dummy is a hash of a random password, verified against when the
	// name is unknown so that such a login costs what a real one does.
	dummy string
	// hashing bounds concurrent password checks: each takes Params.Memory,
	// and a burst of logins must not take the server's memory with it.
	hashing chan struct{}
}

const (
	defaultMaxAge = 12 * time.Hour
	tokenLen      = 32
)

// New returns a Manager keeping sessions in accounts.
func New(accounts store.Accounts, opts Options) (*Manager, error) {
	if accounts == nil {
		return nil, errors.New("auth: no account store")
	}
	if len(opts.Secret) < 32 {
		return nil, fmt.Errorf("auth: secret of %d bytes, want at least 32", len(opts.Secret))
	}
	opts.Secret = append([]byte(nil), opts.Secret...) // the caller's slice may change
	if opts.MaxAge <= 0 {
		opts.MaxAge = defaultMaxAge
	}
	if opts.Params == (Params{}) {
		opts.Params = DefaultParams()
	}
	if opts.LoginPath == "" {
		opts.LoginPath = "/login"
	}
	if opts.OnForbidden == nil {
		opts.OnForbidden = func(w http.ResponseWriter, _ *http.Request, status int) {
			http.Error(w, http.StatusText(status), status)
		}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Manager{
		accounts: accounts,
		opts:     opts,
		dummy:    opts.Params.Hash(rand.Text()),
		hashing:  make(chan struct{}, max(2, runtime.GOMAXPROCS(0))),
	}, nil
}

// Login checks a name and password and, if they are right and the account
// enabled, starts a session: a cookie holding a random token, of which the
// store keeps only the SHA-256. The request's own Current still sees the
// visitor as before; the session counts from the next request.
func (m *Manager) Login(ctx context.Context, w http.ResponseWriter, name, password string) (store.User, error) {
	name = strings.TrimSpace(name)
	u, err := m.accounts.UserByName(ctx, name)
	known := err == nil
	hash := u.PasswordHash
	switch {
	case errors.Is(err, store.ErrNotFound):
		hash = m.dummy
	case err != nil:
		return store.User{}, fmt.Errorf("log in %q: %w", name, err)
	}
	if len(password) > 4*MaxPasswordLength {
		// Refused unhashed; its length, not the name, decides this.
		return store.User{}, ErrBadLogin
	}
	ok, err := m.verify(ctx, hash, password)
	if err != nil {
		return store.User{}, fmt.Errorf("log in %q: %w", name, err)
	}
	if !known || !ok {
		return store.User{}, ErrBadLogin
	}
	if u.Disabled {
		return store.User{}, ErrDisabled
	}

	token, hashed := newToken()
	now := m.opts.Now()
	s := store.Session{TokenHash: hashed, UserID: u.ID, CSRF: rand.Text(), Created: now, Expires: now.Add(m.opts.MaxAge)}
	if err := m.accounts.CreateSession(ctx, s); err != nil {
		return store.User{}, fmt.Errorf("log in %q: %w", name, err)
	}
	// Housekeeping rides on logins, which are rare; it failing must not
	// fail the login, and the next login tries again.
	_, _ = m.accounts.DeleteExpiredSessions(ctx, now)

	http.SetCookie(w, m.cookie(SessionCookie, token, m.opts.MaxAge))
	http.SetCookie(w, m.cookie(LoginCookie, "", -1)) // its work is done
	return u, nil
}

// verify checks a password, waiting for a hashing slot.
func (m *Manager) verify(ctx context.Context, hash, password string) (bool, error) {
	select {
	case m.hashing <- struct{}{}:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-m.hashing }()
	return Verify(hash, password)
}

// Logout ends the request's session, if any, and clears its cookie.
func (m *Manager) Logout(ctx context.Context, w http.ResponseWriter, r *http.Request) error {
	http.SetCookie(w, m.cookie(SessionCookie, "", -1))
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return nil
	}
	hashed, ok := hashToken(c.Value)
	if !ok {
		return nil
	}
	if err := m.accounts.DeleteSession(ctx, hashed); err != nil {
		return fmt.Errorf("log out: %w", err)
	}
	return nil
}

// Current returns the request's user and session: nil, nil, nil for an
// anonymous visitor, including one whose session has expired or whose
// account is disabled. Behind Require or CheckCSRF it answers from what
// they already looked up.
func (m *Manager) Current(r *http.Request) (*store.User, *store.Session, error) {
	_, id, err := m.identify(r)
	if err != nil {
		return nil, nil, err
	}
	return id.user, id.session, nil
}

// identity is who a request comes from; both nil for anonymous.
type identity struct {
	user    *store.User
	session *store.Session
}

type identityKey struct{}

// identify looks the request's session up once, and returns the request
// carrying the answer for the handlers after it.
func (m *Manager) identify(r *http.Request) (*http.Request, identity, error) {
	if id, ok := r.Context().Value(identityKey{}).(identity); ok {
		return r, id, nil
	}
	id, err := m.lookup(r)
	if err != nil {
		return r, id, err
	}
	return r.WithContext(context.WithValue(r.Context(), identityKey{}, id)), id, nil
}

func (m *Manager) lookup(r *http.Request) (identity, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return identity{}, nil
	}
	hashed, ok := hashToken(c.Value)
	if !ok {
		return identity{}, nil
	}
	ctx := r.Context()
	s, err := m.accounts.SessionByTokenHash(ctx, hashed, m.opts.Now())
	if errors.Is(err, store.ErrNotFound) {
		return identity{}, nil
	}
	if err != nil {
		return identity{}, fmt.Errorf("look up session: %w", err)
	}
	u, err := m.accounts.UserByID(ctx, s.UserID)
	if errors.Is(err, store.ErrNotFound) {
		return identity{}, nil
	}
	if err != nil {
		return identity{}, fmt.Errorf("look up session: %w", err)
	}
	if u.Disabled {
		return identity{}, nil
	}
	return identity{user: &u, session: &s}, nil
}

// Require lets through users whose role is at least min. Anonymous
// visitors are sent to the login page from a GET or HEAD, and refused 401
// otherwise (a form posted after the session expired cannot be replayed
// by a redirect); users of a lesser role are refused 403.
func (m *Manager) Require(min store.Role, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, id, err := m.identify(r)
		switch {
		case err != nil:
			m.opts.OnForbidden(w, r, http.StatusInternalServerError)
		case id.user == nil && (r.Method == http.MethodGet || r.Method == http.MethodHead):
			http.Redirect(w, r, m.opts.LoginPath+"?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		case id.user == nil:
			m.opts.OnForbidden(w, r, http.StatusUnauthorized)
		case !id.user.Role.AtLeast(min):
			m.opts.OnForbidden(w, r, http.StatusForbidden)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// SafeNext returns next if it is a path on this site, else "/": the login
// page's "next" parameter comes from the query string, and must not send
// a freshly logged-in user to another site.
func SafeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}

// cookie builds one of our cookies; a negative maxAge deletes it.
func (m *Manager) cookie(name, value string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{
		Name: name, Value: value, Path: "/",
		HttpOnly: true, Secure: m.opts.Secure, SameSite: http.SameSiteLaxMode,
		MaxAge: int(maxAge / time.Second),
	}
	if maxAge < 0 {
		c.MaxAge = -1
	}
	return c
}

// newToken returns a random session token as the cookie carries it and
// its hash as the store keeps it.
func newToken() (token, hashed string) {
	raw := make([]byte, tokenLen)
	rand.Read(raw) // never fails: crypto/rand crashes the program instead
	token = base64.RawURLEncoding.EncodeToString(raw)
	hashed, _ = hashToken(token)
	return token, hashed
}

// hashToken returns the store's key for a cookie's token; ok is false for
// a value that cannot be one of our tokens, which is then not looked up.
func hashToken(token string) (hashed string, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != tokenLen {
		return "", false
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:]), true
}
