package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

const testHookSecret = "whsec_test"

// testHookMessage is a digest of an alert and a reminder, one notification
// with a Chinese title and codes, one known only by its ePing key.
func testHookMessage(url string) Message {
	sub := store.Subscription{Label: "EU toys", Channel: store.ChannelWebhook, WebhookURL: url, WebhookSecret: testHookSecret}
	sub.ID = 42
	return Message{
		Subscription: sub,
		ID:           "a42-7-9@stdbridge",
		Now:          time.Date(2025, 3, 14, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		Links:        Links{Base: "https://stdbridge.example.cn/"},
		Items: []Item{
			{
				Delivery: store.Delivery{ID: 7, SubscriptionID: 42, Notification: "G/TBT/N/EU/1101", Kind: store.KindAlert},
				Notification: &kb.Notification{
					Symbol: "G/TBT/N/EU/1101", Member: "EU", Area: kb.AreaTBT, Type: kb.TypeRegular,
					Title: "Draft Regulation on the safety of toys", TitleZh: "玩具安全条例草案",
					Products: "Toys & games <3", HS: []string{"9503"}, ICS: []string{"97.200.50"},
					Distributed: "2025-02-20", CommentDeadline: "2025-04-21",
				},
			},
			{
				Delivery: store.Delivery{ID: 9, SubscriptionID: 42, Notification: "ePing-0123456789ab", Kind: store.KindReminder},
				Notification: &kb.Notification{
					Member: "EU", Area: kb.AreaSPS, Title: "Maximum residue levels for cypermethrin",
					Distributed: "2025-01-10", CommentDeadline: "2025-03-21",
				},
			},
		},
	}
}

// hookRequest is what a test receiver was sent.
type hookRequest struct {
	header http.Header
	body   []byte
}

// hookReceiver is a webhook endpoint on loopback. It answers with the
// status in the "status" query parameter (200 when none), the "location"
// parameter as Location, and "reason" as the body.
type hookReceiver struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []hookRequest
}

func newHookReceiver(t *testing.T) *hookReceiver {
	t.Helper()
	h := &hookReceiver{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("receiver: read body: %v", err)
		}
		h.mu.Lock()
		h.reqs = append(h.reqs, hookRequest{r.Header.Clone(), body})
		h.mu.Unlock()
		q := r.URL.Query()
		if loc := q.Get("location"); loc != "" {
			w.Header().Set("Location", loc)
		}
		code := http.StatusOK
		if s := q.Get("status"); s != "" {
			code, _ = strconv.Atoi(s)
		}
		w.WriteHeader(code)
		io.WriteString(w, q.Get("reason"))
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hookReceiver) requests() []hookRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hookRequest(nil), h.reqs...)
}

// outcome is what the outbox makes of Send's error.
func outcome(err error) string {
	var p *Permanent
	switch {
	case err == nil:
		return "delivered"
	case errors.As(err, &p):
		return "permanent"
	}
	return "retry"
}

func TestWebhookSendSigned(t *testing.T) {
	h := newHookReceiver(t)
	s := NewWebhookSender(WebhookOptions{AllowPrivate: true, UserAgent: "stdbridge-test/1"})
	m := testHookMessage(h.URL + "/hooks/stdbridge")
	if err := s.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	reqs := h.requests()
	if len(reqs) != 1 {
		t.Fatalf("receiver got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	gotHdr := map[string]string{}
	for _, k := range []string{"Content-Type", "User-Agent", HeaderDelivery, HeaderTimestamp} {
		gotHdr[k] = r.header.Get(k)
	}
	wantHdr := map[string]string{
		"Content-Type":  "application/json",
		"User-Agent":    "stdbridge-test/1",
		HeaderDelivery:  "a42-7-9@stdbridge",
		HeaderTimestamp: "1741915800", // m.Now
	}
	if diff := cmp.Diff(wantHdr, gotHdr); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}

	ts, sig := r.header.Get(HeaderTimestamp), r.header.Get(HeaderSignature)
	if !VerifySignature(testHookSecret, ts, string(r.body), sig) {
		t.Errorf("signature %q does not verify", sig)
	}
	altered := []struct{ name, secret, ts, body string }{
		{"body", testHookSecret, ts, strings.Replace(string(r.body), "EU toys", "EU tots", 1)},
		{"timestamp", testHookSecret, "1741915801", string(r.body)},
		{"secret", "whsec_other", ts, string(r.body)},
	}
	for _, a := range altered {
		if VerifySignature(a.secret, a.ts, a.body, sig) {
			t.Errorf("signature verifies with altered %s", a.name)
		}
	}

	var pretty bytes.Buffer
	if err := json.Indent(&pretty, r.body, "", "  "); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, r.body)
	}
	golden.Check(t, "webhook/message.json", pretty.Bytes())

	// A message resent after a crash is the same message to the receiver.
	if err := s.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	if reqs := h.requests(); len(reqs) != 2 || reqs[1].header.Get(HeaderDelivery) != m.ID {
		t.Errorf("resent message: got %d requests, delivery id %q, want %q", len(reqs), reqs[len(reqs)-1].header.Get(HeaderDelivery), m.ID)
	}
}

func TestSign(t *testing.T) {
	// Computed independently: printf '%s' '1700000000.{"id":"x"}' | openssl dgst -sha256 -hmac whsec_test
	const want = "sha256=80e8d098018f757aa814ab1abb924f35d304affa1d93d29611a54696207eb7c3"
	if got := Sign([]byte(testHookSecret), "1700000000", []byte(`{"id":"x"}`)); got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	tests := []struct {
		name, header string
		want         bool
	}{
		{"good", want, true},
		{"upper-case hex", "sha256=" + strings.ToUpper(strings.TrimPrefix(want, "sha256=")), true},
		{"no scheme", strings.TrimPrefix(want, "sha256="), false},
		{"other scheme", "sha1=" + strings.TrimPrefix(want, "sha256="), false},
		{"truncated", want[:len(want)-2], false},
		{"not hex", want[:len(want)-1] + "g", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := VerifySignature(testHookSecret, "1700000000", `{"id":"x"}`, tt.header); got != tt.want {
			t.Errorf("%s: VerifySignature(%q) = %v, want %v", tt.name, tt.header, got, tt.want)
		}
	}
}

func TestWebhookStatus(t *testing.T) {
	h := newHookReceiver(t)
	s := NewWebhookSender(WebhookOptions{AllowPrivate: true})
	tests := []struct {
		query   string
		want    string // delivered, retry or permanent
		wantMsg string // in the error; HOST stands for the receiver's host:port
	}{
		{"status=200", "delivered", ""},
		{"status=202", "delivered", ""},
		{"status=204", "delivered", ""},
		{"status=400&reason=bad+json", "permanent", `HTTP 400 from HOST: "bad json"`},
		{"status=401", "permanent", "HTTP 401"},
		{"status=403", "permanent", "HTTP 403"},
		{"status=404", "permanent", "HTTP 404"},
		{"status=410&reason=subscription+gone%0A", "permanent", `HTTP 410 from HOST: "subscription gone"`},
		{"status=413", "permanent", "HTTP 413"},
		{"status=422", "permanent", "HTTP 422"},
		{"status=408", "retry", "HTTP 408"},
		{"status=425", "retry", "HTTP 425"},
		{"status=429&reason=slow+down", "retry", `HTTP 429 from HOST: "slow down"`},
		{"status=500", "retry", "HTTP 500 from HOST: (empty body)"},
		{"status=502", "retry", "HTTP 502"},
		{"status=503", "retry", "HTTP 503"},
		{"status=504", "retry", "HTTP 504"},
		{"status=301&location=https://example.com/new", "permanent", `HTTP 301 from HOST: redirected to "https://example.com/new"`},
		{"status=308&location=/elsewhere", "permanent", "do not follow redirects"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			before := len(h.requests())
			err := s.Send(t.Context(), testHookMessage(h.URL+"/hook?"+tt.query))
			if got := outcome(err); got != tt.want {
				t.Errorf("Send: %s (%v), want %s", got, err, tt.want)
			}
			wantMsg := strings.ReplaceAll(tt.wantMsg, "HOST", strings.TrimPrefix(h.URL, "http://"))
			if err != nil && !strings.Contains(err.Error(), wantMsg) {
				t.Errorf("error %q does not contain %q", err, wantMsg)
			}
			if n := len(h.requests()) - before; n != 1 {
				t.Errorf("%d requests for one Send, want 1 (the outbox retries, not the sender)", n)
			}
		})
	}
}

func TestWebhookRedirectNotFollowed(t *testing.T) {
	inside := newHookReceiver(t) // stands for an internal service
	h := newHookReceiver(t)
	s := NewWebhookSender(WebhookOptions{AllowPrivate: true})
	for _, code := range []int{301, 302, 303, 307, 308} {
		u := h.URL + "/hook?status=" + strconv.Itoa(code) + "&location=" + inside.URL + "/admin"
		err := s.Send(t.Context(), testHookMessage(u))
		if got := outcome(err); got != "permanent" || !strings.Contains(err.Error(), "redirect") {
			t.Errorf("%d: Send: %s (%v), want a permanent error about the redirect", code, got, err)
		}
	}
	if n := len(inside.requests()); n != 0 {
		t.Errorf("redirect target got %d requests, want 0", n)
	}
}

func TestWebhookGuard(t *testing.T) {
	h := newHookReceiver(t)
	port := h.URL[strings.LastIndexByte(h.URL, ':')+1:]
	strict := NewWebhookSender(WebhookOptions{})
	tests := []struct {
		name, url, wantMsg string
	}{
		{"loopback IP", "https://127.0.0.1:" + port + "/hook", "loopback"},
		{"localhost", "https://localhost:" + port + "/hook", "names this machine"},
		{"http", "http://hooks.example.com/hook", "http is not allowed"},
		{"metadata", "https://169.254.169.254/latest/meta-data/", "link-local"},
	}
	for _, tt := range tests {
		err := strict.Send(t.Context(), testHookMessage(tt.url))
		if got := outcome(err); got != "permanent" || !strings.Contains(err.Error(), tt.wantMsg) {
			t.Errorf("%s: Send(%s): %s (%v), want a permanent error containing %q", tt.name, tt.url, got, err, tt.wantMsg)
		}
	}

	// The dial guard holds even when the URL check is bypassed, for a name
	// that resolves to loopback as for the IP itself.
	for _, host := range []string{"localhost", "127.0.0.1"} {
		resp, err := strict.Client.Post("http://"+host+":"+port+"/hook", "application/json", strings.NewReader("{}"))
		if err == nil {
			resp.Body.Close()
		}
		if got := outcome(err); got != "permanent" || !strings.Contains(err.Error(), "loopback") {
			t.Errorf("dial %s: %s (%v), want a permanent refusal of a loopback address", host, got, err)
		}
	}
	if n := len(h.requests()); n != 0 {
		t.Errorf("receiver got %d requests past the guard, want 0", n)
	}

	// The same receiver is reachable when private targets are allowed, so
	// the refusals above were the guard's.
	loose := NewWebhookSender(WebhookOptions{AllowPrivate: true})
	if err := loose.Send(t.Context(), testHookMessage("http://localhost:"+port+"/hook")); err != nil {
		t.Errorf("with AllowPrivate: %v", err)
	}
}

func TestWebhookRefused(t *testing.T) {
	h := newHookReceiver(t)
	s := NewWebhookSender(WebhookOptions{AllowPrivate: true})
	noSecret := testHookMessage(h.URL)
	noSecret.Subscription.WebhookSecret = ""
	tests := []struct {
		name    string
		s       *WebhookSender
		m       Message
		wantMsg string
	}{
		{"no secret", s, noSecret, "no webhook secret"},
		{"no URL", s, testHookMessage(""), "empty"},
		{"no client", &WebhookSender{}, testHookMessage(h.URL), "without a client"},
	}
	for _, tt := range tests {
		err := tt.s.Send(t.Context(), tt.m)
		if got := outcome(err); got != "permanent" || !strings.Contains(err.Error(), tt.wantMsg) {
			t.Errorf("%s: %s (%v), want a permanent error containing %q", tt.name, got, err, tt.wantMsg)
		}
	}
	if n := len(h.requests()); n != 0 {
		t.Errorf("receiver got %d requests, want 0", n)
	}
}

func TestWebhookTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // hang until the client gives up
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs first
	s := NewWebhookSender(WebhookOptions{AllowPrivate: true, Timeout: 100 * time.Millisecond})
	err := s.Send(t.Context(), testHookMessage(srv.URL))
	var ne net.Error
	if got := outcome(err); got != "retry" || !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("Send to a hanging receiver: %s (%v), want a retryable timeout", got, err)
	}
}

func TestWebhookConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := NewWebhookSender(WebhookOptions{AllowPrivate: true})
	err = s.Send(t.Context(), testHookMessage("http://"+addr+"/hook"))
	if got := outcome(err); got != "retry" {
		t.Errorf("Send to a closed port: %s (%v), want retry", got, err)
	}
}

func TestWebhookContextCanceled(t *testing.T) {
	h := newHookReceiver(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := NewWebhookSender(WebhookOptions{AllowPrivate: true}).Send(ctx, testHookMessage(h.URL))
	if got := outcome(err); got != "retry" || !errors.Is(err, context.Canceled) {
		t.Errorf("Send with a canceled context: %s (%v), want a retryable context.Canceled", got, err)
	}
}

func TestWebhookErrorHidesPath(t *testing.T) {
	// Some receivers put their own secret in the path (Slack-style URLs);
	// errors are stored in the outbox and shown to admins.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	err = NewWebhookSender(WebhookOptions{AllowPrivate: true}).Send(t.Context(), testHookMessage("http://"+addr+"/services/T0/B0/s3cr3t"))
	if err == nil || strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), addr) {
		t.Errorf("error %v: want the host %s and not the path", err, addr)
	}
}

func TestNewWebhookSenderNoProxy(t *testing.T) {
	// A proxy from the environment would make the connections the guard
	// checks go to the proxy, not to the receiver.
	tr, ok := NewWebhookSender(WebhookOptions{}).Client.Transport.(*http.Transport)
	if !ok || tr.Proxy != nil {
		t.Errorf("transport %T uses a proxy function; want none", NewWebhookSender(WebhookOptions{}).Client.Transport)
	}
}
