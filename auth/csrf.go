package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// loginTokenAge is how long a login form stays usable after it was shown.
const loginTokenAge = 2 * time.Hour

// Token returns the current session's anti-forgery token, for the hidden
// input CSRFField of every form (and the CSRFHeader of scripts); "" for an
// anonymous visitor, whose forms other than the anonymous ones
// (AnonymousToken) CheckCSRF refuses anyway.
func (m *Manager) Token(r *http.Request) string {
	_, s, err := m.Current(r)
	if err != nil || s == nil {
		return ""
	}
	return s.CSRF
}

// LoginToken returns the token for the login form's CSRFField; it is
// AnonymousToken, the login form being the first anonymous form.
func (m *Manager) LoginToken(w http.ResponseWriter, r *http.Request) string {
	return m.AnonymousToken(w, r)
}

// AnonymousToken returns the token for the CSRFField of a form used
// without signing in: the login form and the FormPaths.Anonymous forms.
// Such a form has no session to hold a token, so the token is a pair: a
// random nonce in a cookie (set here, or kept if the visitor has one) and
// its HMAC under Options.Secret in the form. A forger can neither read the
// form nor plant a cookie that matches a MAC he cannot compute.
func (m *Manager) AnonymousToken(w http.ResponseWriter, r *http.Request) string {
	nonce := ""
	if c, err := r.Cookie(LoginCookie); err == nil && validNonce(c.Value) {
		nonce = c.Value
	} else {
		nonce = rand.Text()
	}
	// Set even when kept, so an open form lives loginTokenAge from now.
	http.SetCookie(w, m.cookie(LoginCookie, nonce, loginTokenAge))
	return m.sign(nonce)
}

func validNonce(s string) bool {
	// rand.Text: 26 characters of the base32 alphabet.
	if len(s) != 26 {
		return false
	}
	for _, c := range s {
		if !('A' <= c && c <= 'Z' || '2' <= c && c <= '7') {
			return false
		}
	}
	return true
}

func (m *Manager) sign(nonce string) string {
	mac := hmac.New(sha256.New, m.opts.Secret)
	mac.Write([]byte("stdbridge login form\x00")) // this key signs nothing else, but say what it signs
	mac.Write([]byte(nonce))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// FormPaths names the paths CheckCSRFWith treats otherwise than by the
// session's token. Each entry covers the path itself and every path under
// it ("/alerts" covers "/alerts/manage", not "/alertsx").
type FormPaths struct {
	// Anonymous forms are used without signing in, so they carry the
	// pre-session token of AnonymousToken, as the login form does.
	Anonymous []string
	// Exempt paths pass unchecked: something other than cookies
	// authenticates them, such as a signed token in the URL (RFC 8058
	// one-click unsubscribe, posted by a mail provider's servers with no
	// cookie, Origin or token) or an Authorization bearer token. A forged
	// request gains nothing there that its sender did not already hold.
	Exempt []string
}

// covered reports whether one of the paths of list covers path.
func covered(list []string, path string) bool {
	for _, prefix := range list {
		prefix = strings.TrimSuffix(prefix, "/")
		if path == prefix || strings.HasPrefix(path, prefix+"/") {
			return true
		}
	}
	return false
}

// CheckCSRF refuses (403) every request but GET, HEAD and OPTIONS unless
//   - it does not come from another site: Sec-Fetch-Site is not
//     "cross-site", and Origin, or failing it Referer, names this host
//     when the browser sent one; and
//   - it carries the right token in the CSRFField form field or the
//     CSRFHeader header: the session's token, or on the login page the
//     pre-session token of LoginToken.
//
// Safe methods pass unchecked: handlers must not change anything on them.
func (m *Manager) CheckCSRF(next http.Handler) http.Handler {
	return m.CheckCSRFWith(next, FormPaths{})
}

// CheckCSRFWith is CheckCSRF with more anonymous forms than the login
// form, and with paths exempt from the check.
func (m *Manager) CheckCSRFWith(next http.Handler, paths FormPaths) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if covered(paths.Exempt, r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		if !m.sameOrigin(r) {
			m.opts.OnForbidden(w, r, http.StatusForbidden)
			return
		}
		r, id, err := m.identify(r)
		if err != nil {
			m.opts.OnForbidden(w, r, http.StatusInternalServerError)
			return
		}
		sent := r.Header.Get(CSRFHeader)
		if sent == "" {
			sent = r.PostFormValue(CSRFField)
		}
		var want string
		if r.URL.Path == m.opts.LoginPath || covered(paths.Anonymous, r.URL.Path) {
			if c, err := r.Cookie(LoginCookie); err == nil && validNonce(c.Value) {
				want = m.sign(c.Value)
			}
		} else if id.session != nil {
			want = id.session.CSRF
		}
		if want == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(want)) != 1 {
			m.opts.OnForbidden(w, r, http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// sameOrigin reports whether nothing in the request says it was sent by
// another site. Without Origin or Referer (some privacy settings strip
// both) it rests on the token alone. An Origin of "null" (sandboxed
// frames, cross-site redirects) fails.
func (m *Manager) sameOrigin(r *http.Request) bool {
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return false
	}
	if o := r.Header.Get("Origin"); o != "" {
		return m.sameHost(o, r.Host)
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		return m.sameHost(ref, r.Host)
	}
	return true
}

// sameHost reports whether the URL raw is on host, with a scheme the site
// is served by.
func (m *Manager) sameHost(raw, host string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	switch u.Scheme {
	case "https":
	case "http":
		if m.opts.Secure {
			return false
		}
	default:
		return false
	}
	return strings.EqualFold(stripDefaultPort(u.Host, u.Scheme), stripDefaultPort(host, u.Scheme))
}

// stripDefaultPort drops the scheme's own port, which a Host header may
// name and an Origin never does.
func stripDefaultPort(hostport, scheme string) string {
	h, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return hostport
	}
	if scheme == "http" && port == "80" || scheme == "https" && port == "443" {
		if strings.Contains(h, ":") {
			return "[" + h + "]" // IPv6
		}
		return h
	}
	return hostport
}
