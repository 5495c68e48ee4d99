package site

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// Visitors have no accounts. Opening a manage link (/alerts/manage?t=…)
// remembers its token in a cookie, so that the home page can list that
// address's alerts; the home page's button, or ending the address's last
// subscription, forgets it.
const (
	manageCookie    = "stdbridge_alerts"
	manageCookieAge = 180 * 24 * time.Hour
)

func (s *server) manageCookieOf(r *http.Request, value string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{
		Name: manageCookie, Value: value, Path: "/",
		MaxAge:   int(maxAge / time.Second),
		HttpOnly: true, // the token is a key to the address's alerts: no script reads it
		Secure:   s.secure || r.TLS != nil,
		SameSite: http.SameSiteLaxMode,
	}
	if maxAge < 0 {
		c.MaxAge = -1
	}
	return c
}

// rememberManage keeps a valid manage token for the home page.
func (s *server) rememberManage(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, s.manageCookieOf(r, token, manageCookieAge))
}

func (s *server) forgetManage(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, s.manageCookieOf(r, "", -1))
}

// visitorManage is the remembered manage token and the address it proves,
// or "", "" when none is remembered or the token is no longer valid (the
// site's secret changed).
func (s *server) visitorManage(r *http.Request) (token, email string) {
	c, err := r.Cookie(manageCookie)
	if err != nil || c.Value == "" {
		return "", ""
	}
	email, err = s.desk.Owner(c.Value)
	if err != nil {
		return "", ""
	}
	return c.Value, email
}

// visitorSubs are the home page's list of the visitor's alerts: those of
// the remembered address, with when each last sent something; without a
// remembered address, an empty view, which invites to subscribe.
func (s *server) visitorSubs(w http.ResponseWriter, r *http.Request) (*templates.VisitorSubs, error) {
	ctx := r.Context()
	token, email := s.visitorManage(r)
	if email == "" {
		if _, err := r.Cookie(manageCookie); err == nil {
			s.forgetManage(w, r) // a token that no longer opens anything
		}
		return &templates.VisitorSubs{}, nil
	}
	subs, err := s.desk.Mine(ctx, email)
	if err != nil {
		return nil, fmt.Errorf("home: the visitor's subscriptions: %w", err)
	}
	v := &templates.VisitorSubs{Email: email, ManageURL: templates.AlertsManageURL(token), CSRF: s.anonToken(w, r)}
	for _, sub := range subs {
		if sub.Status == store.SubUnsubscribed {
			continue
		}
		// The outbox lists newest entries first; the newest sent one is
		// the last sent, to the precision the home page shows.
		sent, err := s.alerts.Deliveries(ctx, store.DeliveryFilter{SubscriptionID: sub.ID, State: store.DeliverySent, Limit: 1})
		if err != nil {
			return nil, fmt.Errorf("home: deliveries of subscription %d: %w", sub.ID, err)
		}
		vs := templates.VisitorSub{Sub: sub}
		if len(sent) > 0 {
			vs.LastSent = sent[0].Sent
		}
		v.Subs = append(v.Subs, vs)
	}
	return v, nil
}

// forgetVisitor answers the home page's "forget" button.
func (s *server) forgetVisitor(w http.ResponseWriter, r *http.Request) {
	s.forgetManage(w, r)
	http.Redirect(w, r, "/#subs", http.StatusSeeOther)
}

// forgetIfEnded forgets the remembered manage link once the address it
// proves has no subscription left that is not ended; a link of another
// address is left alone.
func (s *server) forgetIfEnded(w http.ResponseWriter, r *http.Request, email string) {
	ctx := r.Context()
	_, owner := s.visitorManage(r)
	if owner == "" || !strings.EqualFold(owner, email) {
		return
	}
	subs, err := s.desk.Mine(ctx, email)
	if err != nil {
		// The subscription did end; the list shows the rest next time.
		s.log.ErrorContext(ctx, "list subscriptions after ending one", "err", err)
		return
	}
	for _, sub := range subs {
		if sub.Status != store.SubUnsubscribed {
			return
		}
	}
	s.forgetManage(w, r)
}
