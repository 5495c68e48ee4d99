package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// maxSubscriptionBody bounds a JSON body of /api/subscriptions.
const maxSubscriptionBody = 64 << 10

// apiConditions is what a subscription asks for, in JSON.
type apiConditions struct {
	Members    []string              `json:"members"`
	Areas      []kb.Area             `json:"areas"`
	Types      []kb.NotificationType `json:"types"`
	HS         []string              `json:"hs"`
	ICS        []string              `json:"ics"`
	Objectives []string              `json:"objectives"`
	Keywords   []string              `json:"keywords"`
	Exclude    []string              `json:"exclude"`
	Follow     []string              `json:"follow"`
}

func (c apiConditions) kb() kb.Subscription {
	return kb.Subscription{Members: c.Members, Areas: c.Areas, Types: c.Types, HS: c.HS, ICS: c.ICS,
		Objectives: c.Objectives, Keywords: c.Keywords, Exclude: c.Exclude, Follow: c.Follow}
}

func conditionsOf(s kb.Subscription) apiConditions {
	nonNil := func(vs []string) []string {
		if vs == nil {
			return []string{}
		}
		return vs
	}
	c := apiConditions{Members: nonNil(s.Members), Areas: s.Areas, Types: s.Types, HS: nonNil(s.HS), ICS: nonNil(s.ICS),
		Objectives: nonNil(s.Objectives), Keywords: nonNil(s.Keywords), Exclude: nonNil(s.Exclude), Follow: nonNil(s.Follow)}
	if c.Areas == nil {
		c.Areas = []kb.Area{}
	}
	if c.Types == nil {
		c.Types = []kb.NotificationType{}
	}
	return c
}

// apiNewSubscription is POST /api/subscriptions's body.
type apiNewSubscription struct {
	Email      string        `json:"email"`
	Lang       string        `json:"lang"`
	Label      string        `json:"label"`
	Frequency  string        `json:"frequency"`
	RemindDays *int          `json:"remind_days"` // absent: 7
	Channel    string        `json:"channel"`
	WebhookURL string        `json:"webhook_url"`
	Conditions apiConditions `json:"conditions"`
}

// apiSubscriptionPatch is PATCH /api/subscriptions/{id}'s body: the
// fields to change, the others being kept. Conditions, when given,
// replace the conditions whole. The address cannot change.
type apiSubscriptionPatch struct {
	Lang       *string        `json:"lang"`
	Label      *string        `json:"label"`
	Frequency  *string        `json:"frequency"`
	RemindDays *int           `json:"remind_days"`
	Channel    *string        `json:"channel"`
	WebhookURL *string        `json:"webhook_url"`
	Conditions *apiConditions `json:"conditions"`
	Status     *string        `json:"status"` // "paused" or "active"
}

// apiSubscription is a subscription as its owner sees it: the webhook
// secret and the feed URL are theirs alone.
type apiSubscription struct {
	ID            int64         `json:"id"`
	Email         string        `json:"email"`
	Lang          string        `json:"lang"`
	Label         string        `json:"label"`
	Status        string        `json:"status"`
	Frequency     string        `json:"frequency"`
	RemindDays    int           `json:"remind_days"`
	Channel       string        `json:"channel"`
	WebhookURL    string        `json:"webhook_url,omitempty"`
	WebhookSecret string        `json:"webhook_secret,omitempty"`
	FeedURL       string        `json:"feed_url"`
	Conditions    apiConditions `json:"conditions"`
	Created       time.Time     `json:"created"`
	Updated       time.Time     `json:"updated"`
	Confirmed     *time.Time    `json:"confirmed,omitempty"`
}

type apiSubscriptions struct {
	Email         string            `json:"email"`
	Subscriptions []apiSubscription `json:"subscriptions"`
}

type apiCreated struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

type apiProblem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

type apiProblems struct {
	Error    string       `json:"error"`
	Problems []apiProblem `json:"problems"`
}

// alertAPIRoutes registers /api/subscriptions. Creating needs nothing
// (the address is confirmed by e-mail, as on the site); the rest takes
// the address's manage token as a bearer token, so it is exempt from the
// cookie-based anti-forgery check.
func (s *server) alertAPIRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/subscriptions", s.apiSubscribe)
	mux.HandleFunc("GET /api/subscriptions", s.apiMySubscriptions)
	mux.HandleFunc("GET /api/subscriptions/{id}", s.apiMySubscription)
	mux.HandleFunc("PATCH /api/subscriptions/{id}", s.apiChangeSubscription)
	mux.HandleFunc("DELETE /api/subscriptions/{id}", s.apiEndSubscription)
}

func (s *server) apiSubscription(sub store.Subscription) apiSubscription {
	a := apiSubscription{
		ID: sub.ID, Email: sub.Email, Lang: sub.Lang, Label: sub.Label, Status: string(sub.Status),
		Frequency: string(sub.Frequency), RemindDays: sub.RemindDays, Channel: string(sub.Channel),
		WebhookURL: sub.WebhookURL, WebhookSecret: sub.WebhookSecret,
		FeedURL:    s.desk.Links.Feed(sub.FeedToken),
		Conditions: conditionsOf(sub.Subscription),
		Created:    sub.Created.UTC(), Updated: sub.Updated.UTC(),
	}
	if sub.Channel != store.ChannelWebhook {
		a.WebhookSecret = ""
	}
	if !sub.Confirmed.IsZero() {
		c := sub.Confirmed.UTC()
		a.Confirmed = &c
	}
	return a
}

// decodeJSON reads a JSON body strictly: JSON only, 64 KiB at most, one
// value, no unknown fields (a misspelt field must not be dropped in
// silence). It answers the request itself when it fails. Asking for JSON
// also keeps other sites' forms out: a browser sends them only as
// form or text types.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeJSONError(w, http.StatusUnsupportedMediaType, "send the body as application/json")
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxSubscriptionBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("more than one JSON value")
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeJSONError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body over %d bytes", maxSubscriptionBody))
		return false
	case err != nil:
		writeJSONError(w, http.StatusBadRequest, "body: "+err.Error())
		return false
	}
	return true
}

func (s *server) apiSubscribe(w http.ResponseWriter, r *http.Request) {
	var body apiNewSubscription
	if !decodeJSON(w, r, &body) {
		return
	}
	req := alerts.Request{
		Email: body.Email, Lang: body.Lang, Label: body.Label,
		Frequency: store.Frequency(body.Frequency), RemindDays: 7,
		Channel: store.Channel(body.Channel), WebhookURL: body.WebhookURL,
		Conditions: body.Conditions.kb(),
	}
	if body.RemindDays != nil {
		req.RemindDays = *body.RemindDays
	}
	sub, err := s.desk.Subscribe(r.Context(), req)
	if err != nil {
		s.apiAlertFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, apiCreated{ID: sub.ID, Status: string(sub.Status)})
}

// bearer returns the address whose manage token the request carries, or
// answers 401.
func (s *server) bearer(w http.ResponseWriter, r *http.Request) (string, bool) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if strings.EqualFold(scheme, "Bearer") {
		if email, err := s.desk.Owner(strings.TrimSpace(token)); err == nil {
			return email, true
		}
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="stdbridge alerts"`)
	writeJSONError(w, http.StatusUnauthorized, "send the manage link's token as Authorization: Bearer <token>")
	return "", false
}

func (s *server) apiMySubscriptions(w http.ResponseWriter, r *http.Request) {
	email, ok := s.bearer(w, r)
	if !ok {
		return
	}
	subs, err := s.desk.Mine(r.Context(), email)
	if err != nil {
		s.apiAlertFail(w, r, err)
		return
	}
	out := apiSubscriptions{Email: email, Subscriptions: []apiSubscription{}}
	for _, sub := range subs {
		out.Subscriptions = append(out.Subscriptions, s.apiSubscription(sub))
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, out)
}

// mine reads the bearer and the {id} of a request, answering it when
// either is wrong.
func (s *server) mine(w http.ResponseWriter, r *http.Request) (email string, id int64, ok bool) {
	if email, ok = s.bearer(w, r); !ok {
		return "", 0, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeJSONError(w, http.StatusNotFound, "no such subscription")
		return "", 0, false
	}
	return email, id, true
}

func (s *server) apiMySubscription(w http.ResponseWriter, r *http.Request) {
	email, id, ok := s.mine(w, r)
	if !ok {
		return
	}
	sub, err := s.desk.Own(r.Context(), email, id)
	if err != nil {
		s.apiAlertFail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, s.apiSubscription(sub))
}

func (s *server) apiChangeSubscription(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	email, id, ok := s.mine(w, r)
	if !ok {
		return
	}
	var patch apiSubscriptionPatch
	if !decodeJSON(w, r, &patch) {
		return
	}
	sub, err := s.desk.Own(ctx, email, id)
	if err != nil {
		s.apiAlertFail(w, r, err)
		return
	}
	paused := sub.Status == store.SubPaused
	if patch.Status != nil {
		switch store.SubStatus(*patch.Status) {
		case store.SubPaused, store.SubActive:
			paused = *patch.Status == string(store.SubPaused)
		default:
			writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("status %q: want paused or active (DELETE unsubscribes)", *patch.Status))
			return
		}
		if sub.Status != store.SubActive && sub.Status != store.SubPaused {
			writeJSONError(w, http.StatusConflict, fmt.Sprintf("subscription %d is %s: only confirmed subscriptions can be paused or resumed", id, sub.Status))
			return
		}
	}
	if patch.changesSettings() {
		req := alerts.Request{
			Lang: sub.Lang, Label: sub.Label, Frequency: sub.Frequency, RemindDays: sub.RemindDays,
			Channel: sub.Channel, WebhookURL: sub.WebhookURL, Conditions: sub.Subscription,
		}
		patch.apply(&req)
		if sub, err = s.desk.Update(ctx, email, id, req); err != nil {
			s.apiAlertFail(w, r, err)
			return
		}
	}
	if patch.Status != nil {
		if sub, err = s.desk.SetPaused(ctx, email, id, paused); err != nil {
			s.apiAlertFail(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, s.apiSubscription(sub))
}

func (p apiSubscriptionPatch) changesSettings() bool {
	return p.Lang != nil || p.Label != nil || p.Frequency != nil || p.RemindDays != nil ||
		p.Channel != nil || p.WebhookURL != nil || p.Conditions != nil
}

func (p apiSubscriptionPatch) apply(req *alerts.Request) {
	if p.Lang != nil {
		req.Lang = *p.Lang
	}
	if p.Label != nil {
		req.Label = *p.Label
	}
	if p.Frequency != nil {
		req.Frequency = store.Frequency(*p.Frequency)
	}
	if p.RemindDays != nil {
		req.RemindDays = *p.RemindDays
	}
	if p.Channel != nil {
		req.Channel = store.Channel(*p.Channel)
	}
	if p.WebhookURL != nil {
		req.WebhookURL = *p.WebhookURL
	}
	if p.Conditions != nil {
		req.Conditions = p.Conditions.kb()
	}
}

func (s *server) apiEndSubscription(w http.ResponseWriter, r *http.Request) {
	email, id, ok := s.mine(w, r)
	if !ok {
		return
	}
	sub, err := s.desk.End(r.Context(), email, id)
	if err != nil {
		s.apiAlertFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.apiSubscription(sub))
}

// apiAlertFail answers a failed desk call: 400 with each problem by field,
// 403 for another address's subscription, 404 for none.
func (s *server) apiAlertFail(w http.ResponseWriter, r *http.Request, err error) {
	var ie *alerts.InputError
	switch {
	case errors.As(err, &ie):
		body := apiProblems{Error: "invalid subscription"}
		for _, p := range problemsOf(ie) {
			field := p.field
			if isCondition(field) {
				field = "conditions." + field
			}
			body.Problems = append(body.Problems, apiProblem{Field: field, Message: p.detail})
		}
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusBadRequest, body)
	case errors.Is(err, alerts.ErrNotYours):
		writeJSONError(w, http.StatusForbidden, err.Error())
	case errors.Is(err, store.ErrNotFound):
		writeJSONError(w, http.StatusNotFound, "no such subscription")
	default:
		s.apiFail(w, r, err)
	}
}

// isCondition reports whether a problem's field is one of the
// conditions'.
func isCondition(field string) bool {
	for _, c := range conditionFields {
		if c.field == field {
			return true
		}
	}
	return false
}
