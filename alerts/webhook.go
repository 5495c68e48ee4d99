package alerts

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// Webhook request headers; docs/webhooks.md tells receivers what they mean.
const (
	HeaderDelivery  = "X-Stdbridge-Delivery"
	HeaderTimestamp = "X-Stdbridge-Timestamp"
	HeaderSignature = "X-Stdbridge-Signature"
)

// WebhookOptions configures a WebhookSender.
type WebhookOptions struct {
	// AllowPrivate lets webhooks reach loopback and internal addresses,
	// over plain http too: for development and tests only.
	AllowPrivate bool
	Timeout      time.Duration // of one request, connection included; 0 means 10 s
	UserAgent    string        // "" means "stdbridge-webhook/1"
}

// WebhookSender POSTs messages to their subscription's webhook, signed
// with its secret. Build it with NewWebhookSender: its Client refuses
// internal addresses and does not follow redirects.
type WebhookSender struct {
	Client    *http.Client
	UserAgent string

	allowPrivate bool
}

// NewWebhookSender returns a sender whose connections are checked, after
// name resolution, against internal addresses (unless opts.AllowPrivate),
// and that uses no proxy, so the environment's cannot bypass the check.
func NewWebhookSender(opts WebhookOptions) *WebhookSender {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	ua := opts.UserAgent
	if ua == "" {
		ua = "stdbridge-webhook/1"
	}
	dialer := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = dialGuard
	}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConns:          16,
		IdleConnTimeout:       90 * time.Second,
	}
	return &WebhookSender{
		Client: &http.Client{
			Transport: tr,
			Timeout:   timeout,
			// A redirect could point inside the network; Send reports it.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		UserAgent:    ua,
		allowPrivate: opts.AllowPrivate,
	}
}

// errSnippet bounds how much of a refusing response goes into the error.
const errSnippet = 256

// maxDrain bounds how much of a response is read so that its connection
// can be reused; a larger one costs a new connection, nothing more.
const maxDrain = 64 << 10

// Send makes one attempt (the outbox retries): 2xx is delivered; 408,
// 425, 429, 5xx and network errors are to be retried; redirects and other
// 4xx (400, 401, 403, 404, 410, 413, ...) are Permanent, as is an address
// the guard refuses.
func (s *WebhookSender) Send(ctx context.Context, m Message) error {
	if err := s.send(ctx, m); err != nil {
		return fmt.Errorf("send webhook %s for subscription %d: %w", m.ID, m.Subscription.ID, err)
	}
	return nil
}

func (s *WebhookSender) send(ctx context.Context, m Message) error {
	if s.Client == nil {
		return &Permanent{Err: errors.New("webhook sender without a client (use NewWebhookSender)")}
	}
	sub := m.Subscription
	if err := CheckWebhookURL(sub.WebhookURL, s.allowPrivate); err != nil {
		return &Permanent{Err: err}
	}
	if sub.WebhookSecret == "" {
		return &Permanent{Err: errors.New("subscription has no webhook secret")}
	}
	now := m.Now
	if now.IsZero() {
		now = time.Now()
	}
	body, err := webhookBody(m, now)
	if err != nil {
		return err
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, sub.WebhookURL, bytes.NewReader(body))
	if err != nil {
		return &Permanent{Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", s.UserAgent)
	req.Header.Set(HeaderDelivery, m.ID)
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderSignature, Sign([]byte(sub.WebhookSecret), ts, body))

	resp, err := s.Client.Do(req)
	if err != nil {
		// url.Error quotes the whole URL, whose path may be a secret of the
		// receiver's; the host is enough to tell what failed.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("POST to %s: %w", req.URL.Host, err)
	}
	defer func() {
		io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrain))
		resp.Body.Close()
	}()
	code := resp.StatusCode
	if code >= 200 && code < 300 {
		return nil
	}
	if code >= 300 && code < 400 {
		return &Permanent{Err: fmt.Errorf("HTTP %d from %s: redirected to %q; webhooks do not follow redirects, subscribe the final address",
			code, req.URL.Host, resp.Header.Get("Location"))}
	}
	snip, _ := io.ReadAll(io.LimitReader(resp.Body, errSnippet))
	err = fmt.Errorf("HTTP %d from %s: %s", code, req.URL.Host, cleanSnippet(snip))
	if permanentStatus(code) {
		return &Permanent{Err: err}
	}
	return err
}

// permanentStatus reports whether a non-2xx, non-3xx answer will be the
// same however often the message is retried: client errors, except those
// that say "later" (timeout, too early, too many requests).
func permanentStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooEarly, http.StatusTooManyRequests:
		return false
	}
	return code >= 400 && code < 500
}

// cleanSnippet makes the start of a response body fit for one log line.
func cleanSnippet(b []byte) string {
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(b), "\uFFFD")), " ")
	if s == "" {
		return "(empty body)"
	}
	return strconv.Quote(s)
}

// Sign returns the X-Stdbridge-Signature value for a body sent at
// timestamp (Unix seconds): "sha256=" and the hex HMAC-SHA256 of
// "<timestamp>.<body>" under secret. Binding the timestamp lets receivers
// reject replays of old requests.
func Sign(secret []byte, timestamp string, body []byte) string {
	return "sha256=" + hex.EncodeToString(signMAC(secret, timestamp, body))
}

// VerifySignature reports, in constant time, whether header is the
// signature of body sent at timestamp under secret. Receivers should also
// reject a timestamp far from their clock.
func VerifySignature(secret, timestamp, body, header string) bool {
	hexMAC, ok := strings.CutPrefix(header, "sha256=")
	if !ok {
		return false
	}
	got, err := hex.DecodeString(hexMAC)
	if err != nil {
		return false
	}
	return hmac.Equal(got, signMAC([]byte(secret), timestamp, []byte(body)))
}

func signMAC(secret []byte, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// The webhook body, documented in docs/webhooks.md. Every field is always
// present: text and dates not known are "", lists are [].
type (
	hookBody struct {
		ID           string   `json:"id"`
		Subscription hookSub  `json:"subscription"`
		SentAt       string   `json:"sent_at"`
		Items        []hookIt `json:"items"`
	}
	hookSub struct {
		ID    int64  `json:"id"`
		Label string `json:"label"`
	}
	hookIt struct {
		DeliveryID   int64           `json:"delivery_id"`
		Kind         store.AlertKind `json:"kind"`
		Notification hookNote        `json:"notification"`
	}
	hookNote struct {
		Key              string              `json:"key"`
		Symbol           string              `json:"symbol"`
		Member           string              `json:"member"`
		Area             kb.Area             `json:"area"`
		Type             kb.NotificationType `json:"type"`
		Title            string              `json:"title"`
		TitleZh          string              `json:"title_zh"`
		Products         string              `json:"products"`
		HS               []string            `json:"hs"`
		ICS              []string            `json:"ics"`
		DistributionDate kb.Date             `json:"distribution_date"`
		CommentDeadline  kb.Date             `json:"comment_deadline"`
		URL              string              `json:"url"`
	}
)

func webhookBody(m Message, now time.Time) ([]byte, error) {
	b := hookBody{
		ID:           m.ID,
		Subscription: hookSub{ID: m.Subscription.ID, Label: m.Subscription.Label},
		SentAt:       now.UTC().Format(time.RFC3339),
		Items:        make([]hookIt, 0, len(m.Items)),
	}
	for _, it := range m.Items {
		key := it.Delivery.Notification
		if key == "" && it.Notification != nil {
			key = it.Notification.Key()
		}
		note := hookNote{Key: key, HS: []string{}, ICS: []string{}, URL: m.Links.Notification(key)}
		if n := it.Notification; n != nil {
			note.Symbol, note.Member, note.Area, note.Type = n.Symbol, n.Member, n.Area, n.Type
			note.Title, note.TitleZh, note.Products = n.Title, n.TitleZh, n.Products
			note.DistributionDate, note.CommentDeadline = n.Distributed, n.CommentDeadline
			note.HS = append(note.HS, n.HS...)
			note.ICS = append(note.ICS, n.ICS...)
		}
		b.Items = append(b.Items, hookIt{DeliveryID: it.Delivery.ID, Kind: it.Delivery.Kind, Notification: note})
	}
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false) // a body, not a page: "&" stays "&"
	if err := enc.Encode(b); err != nil {
		return nil, fmt.Errorf("encode webhook body: %w", err)
	}
	return body.Bytes(), nil
}
