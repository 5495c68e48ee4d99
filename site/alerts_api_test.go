package site

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

func TestSubscriptionsAPI(t *testing.T) {
	e := alertSite(t)
	ctx := t.Context()
	mine := e.active(t, "a@example.cn", "EU toys", kb.Subscription{Members: []string{"EU"}})
	pending, err := e.desk.Subscribe(ctx, alerts.Request{Email: "a@example.cn", Conditions: kb.Subscription{Keywords: []string{"food"}}})
	if err != nil {
		t.Fatal(err)
	}
	theirs := e.active(t, "b@example.cn", "", kb.Subscription{Members: []string{"USA"}})
	bearerA := "Bearer " + e.desk.Links.Tokens.Sign(alerts.PurposeManage, "a@example.cn")
	unsub := "Bearer " + e.desk.Links.Tokens.Sign(alerts.PurposeUnsubscribe, strconv.FormatInt(mine.ID, 10))
	path := func(id int64) string { return "/api/subscriptions/" + strconv.FormatInt(id, 10) }
	mailsBefore := len(e.box.all())

	tests := []struct {
		name        string
		method      string
		path        string
		auth        string
		contentType string // "" means application/json
		body        string
		status      int
		want        map[string]any     // top-level JSON fields the answer must have
		problems    []apiProblem       // for 400s of the desk's checks: their fields
		check       func(t *testing.T) // the store afterwards
	}{
		{name: "create", method: "POST", path: "/api/subscriptions",
			body:   `{"email": "new@example.cn", "lang": "en", "label": "toys", "frequency": "weekly", "conditions": {"members": ["EU"], "hs": ["9503"], "keywords": ["玩具"]}}`,
			status: http.StatusAccepted, want: map[string]any{"status": "pending"},
			check: func(t *testing.T) {
				subs, _ := e.f.store.SubscriptionsByEmail(ctx, "new@example.cn")
				if len(subs) != 1 || subs[0].Status != store.SubPending || subs[0].RemindDays != 7 || subs[0].Frequency != store.Weekly {
					t.Errorf("stored %+v; want one pending, weekly, reminders 7 days ahead", subs)
				}
				if mails := e.box.all()[mailsBefore:]; len(mails) != 1 || mails[0].To != "new@example.cn" {
					t.Errorf("mails %+v; want one confirmation", mails)
				}
			}},
		{name: "create: invalid", method: "POST", path: "/api/subscriptions",
			body:   `{"email": "nobody", "remind_days": 99, "conditions": {"hs": ["9x"], "members": ["EU", "Atlantis"]}}`,
			status: http.StatusBadRequest, want: map[string]any{"error": "invalid subscription"},
			problems: []apiProblem{{Field: "email"}, {Field: "remind_days"}, {Field: "conditions.members"}, {Field: "conditions.hs"}}},
		{name: "create: no condition", method: "POST", path: "/api/subscriptions", body: `{"email": "c@example.cn"}`,
			status: http.StatusBadRequest, problems: []apiProblem{{Field: "conditions"}}},
		{name: "create: unknown field", method: "POST", path: "/api/subscriptions",
			body: `{"email": "c@example.cn", "conditions": {"keywords": ["x"]}, "frequncy": "daily"}`, status: http.StatusBadRequest},
		{name: "create: two values", method: "POST", path: "/api/subscriptions",
			body: `{"email": "c@example.cn", "conditions": {"keywords": ["x"]}} {}`, status: http.StatusBadRequest},
		{name: "create: not JSON", method: "POST", path: "/api/subscriptions", contentType: "text/plain",
			body: `{"email": "c@example.cn", "conditions": {"keywords": ["x"]}}`, status: http.StatusUnsupportedMediaType},
		{name: "create: too big", method: "POST", path: "/api/subscriptions",
			body: `{"email": "c@example.cn", "label": "` + strings.Repeat("x", 70<<10) + `"}`, status: http.StatusRequestEntityTooLarge},
		{name: "list: no token", method: "GET", path: "/api/subscriptions", status: http.StatusUnauthorized},
		{name: "list: a token for another purpose", method: "GET", path: "/api/subscriptions", auth: unsub, status: http.StatusUnauthorized},
		{name: "list: altered token", method: "GET", path: "/api/subscriptions", auth: bearerA + "x", status: http.StatusUnauthorized},
		{name: "list", method: "GET", path: "/api/subscriptions", auth: bearerA, status: http.StatusOK, want: map[string]any{"email": "a@example.cn"}},
		{name: "one", method: "GET", path: path(mine.ID), auth: bearerA, status: http.StatusOK,
			want: map[string]any{"label": "EU toys", "status": "active", "feed_url": e.desk.Links.Feed(mine.FeedToken)}},
		{name: "another's", method: "GET", path: path(theirs.ID), auth: bearerA, status: http.StatusForbidden},
		{name: "none", method: "GET", path: path(9999), auth: bearerA, status: http.StatusNotFound},
		{name: "not an id", method: "GET", path: "/api/subscriptions/x", auth: bearerA, status: http.StatusNotFound},
		{name: "pause", method: "PATCH", path: path(mine.ID), auth: bearerA, body: `{"status": "paused"}`, status: http.StatusOK,
			want: map[string]any{"status": "paused", "label": "EU toys"},
			check: func(t *testing.T) {
				if got := e.sub(t, mine.ID).Status; got != store.SubPaused {
					t.Errorf("status %s", got)
				}
			}},
		{name: "pause: no token", method: "PATCH", path: path(mine.ID), body: `{"status": "paused"}`, status: http.StatusUnauthorized},
		{name: "unsubscribe by PATCH", method: "PATCH", path: path(mine.ID), auth: bearerA, body: `{"status": "unsubscribed"}`, status: http.StatusBadRequest},
		{name: "change the address", method: "PATCH", path: path(mine.ID), auth: bearerA, body: `{"email": "x@example.cn"}`, status: http.StatusBadRequest},
		{name: "pause an unconfirmed one", method: "PATCH", path: path(pending.ID), auth: bearerA, body: `{"status": "paused"}`, status: http.StatusConflict},
		{name: "edit and resume", method: "PATCH", path: path(mine.ID), auth: bearerA,
			body:   `{"label": "new name", "channel": "webhook", "webhook_url": "https://hooks.example.com/x", "conditions": {"hs": ["9503"]}, "status": "active"}`,
			status: http.StatusOK, want: map[string]any{"status": "active", "label": "new name", "channel": "webhook", "webhook_url": "https://hooks.example.com/x"},
			check: func(t *testing.T) {
				got := e.sub(t, mine.ID)
				if got.Label != "new name" || !cmp.Equal(got.HS, []string{"9503"}) || got.Members != nil || got.WebhookSecret == "" || got.Status != store.SubActive {
					t.Errorf("after the edit: %+v", got)
				}
			}},
		{name: "bad edit", method: "PATCH", path: path(mine.ID), auth: bearerA, body: `{"label": "x", "conditions": {"hs": ["9x"]}}`,
			status: http.StatusBadRequest, problems: []apiProblem{{Field: "conditions.hs"}},
			check: func(t *testing.T) {
				if got := e.sub(t, mine.ID).Label; got != "new name" {
					t.Errorf("a refused edit changed the label to %q", got)
				}
			}},
		{name: "edit another's", method: "PATCH", path: path(theirs.ID), auth: bearerA, body: `{"label": "mine now"}`, status: http.StatusForbidden},
		{name: "end another's", method: "DELETE", path: path(theirs.ID), auth: bearerA, status: http.StatusForbidden,
			check: func(t *testing.T) {
				if got := e.sub(t, theirs.ID).Status; got != store.SubActive {
					t.Errorf("their status %s", got)
				}
			}},
		{name: "end", method: "DELETE", path: path(mine.ID), auth: bearerA, status: http.StatusOK, want: map[string]any{"status": "unsubscribed"},
			check: func(t *testing.T) {
				if got := e.sub(t, mine.ID).Status; got != store.SubUnsubscribed {
					t.Errorf("status %s", got)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, e.srv.URL+tt.path, strings.NewReader(tt.body))
			ct := tt.contentType
			if ct == "" {
				ct = "application/json"
			}
			req.Header.Set("Content-Type", ct)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			// No cookie, no anti-forgery token: the bearer is the authority.
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d; want %d\n%s", resp.StatusCode, tt.status, b)
			}
			if got := resp.Header.Get("Content-Type"); got != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", got)
			}
			var got map[string]any
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("answer is not JSON: %v\n%s", err, b)
			}
			if tt.status >= 400 && got["error"] == "" {
				t.Errorf("an error answer without error: %s", b)
			}
			if tt.status == http.StatusUnauthorized && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without WWW-Authenticate: Bearer")
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %v; want %v", k, got[k], v)
				}
			}
			if tt.problems != nil {
				var body apiProblems
				json.Unmarshal(b, &body)
				for i := range body.Problems {
					if body.Problems[i].Message == "" {
						t.Errorf("problem %d has no message", i)
					}
					body.Problems[i].Message = ""
				}
				if diff := cmp.Diff(tt.problems, body.Problems); diff != "" {
					t.Errorf("problems (-want +got):\n%s", diff)
				}
			}
			if tt.check != nil {
				tt.check(t)
			}
		})
	}
}

// TestSubscriptionsAPIList checks that a list holds the address's own
// subscriptions, with their secrets, and nobody else's.
func TestSubscriptionsAPIList(t *testing.T) {
	e := alertSite(t)
	a1 := e.active(t, "A@example.cn", "one", kb.Subscription{Members: []string{"EU"}})
	a2, err := e.desk.Subscribe(t.Context(), alerts.Request{Email: "a@example.cn", Label: "two", Channel: store.ChannelWebhook,
		WebhookURL: "https://hooks.example.com/a", Conditions: kb.Subscription{Keywords: []string{"toys"}}})
	if err != nil {
		t.Fatal(err)
	}
	b := e.active(t, "b@example.cn", "theirs", kb.Subscription{Members: []string{"USA"}})
	req, _ := http.NewRequest("GET", e.srv.URL+"/api/subscriptions", nil)
	req.Header.Set("Authorization", "bearer "+e.desk.Links.Tokens.Sign(alerts.PurposeManage, "a@example.cn"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var got apiSubscriptions
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("list: %d %v", resp.StatusCode, err)
	}
	resp.Body.Close()
	type row struct {
		ID                          int64
		Label, Status, Secret, Feed string
	}
	var rows []row
	for _, s := range got.Subscriptions {
		rows = append(rows, row{s.ID, s.Label, s.Status, s.WebhookSecret, s.FeedURL})
	}
	want := []row{
		{a1.ID, "one", "active", "", e.desk.Links.Feed(a1.FeedToken)},
		{a2.ID, "two", "pending", a2.WebhookSecret, e.desk.Links.Feed(a2.FeedToken)},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("list (-want +got):\n%s", diff)
	}
	if a2.WebhookSecret == "" || b.ID == 0 {
		t.Fatal("the fixture is wrong")
	}
	if got.Subscriptions[0].Conditions.Members[0] != "EU" || got.Subscriptions[1].Conditions.Members == nil {
		t.Errorf("conditions %+v; want members [EU], and empty lists as []", got.Subscriptions)
	}
}
