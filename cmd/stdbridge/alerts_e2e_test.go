package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/internal/smtptest"
)

// TestAlertsEndToEnd runs the server as deployed, with a real SMTP server
// on loopback: a subscriber subscribes through the API, confirms with the
// e-mailed link, gets an alert when matching notifications are imported,
// and unsubscribes with the e-mail's RFC 8058 one-click header; after
// that nothing more is sent.
func TestAlertsEndToEnd(t *testing.T) {
	srv := smtptest.Start(t)
	data, addr := t.TempDir(), freeAddr(t)
	base := "http://" + addr
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-data", data, "-addr", addr, "-alerts-every", "1s",
			"-smtp-host", srv.Host(), "-smtp-port", strconv.Itoa(srv.Port()), "-smtp-tls", "none",
			"-mail-from", "stdbridge <alerts@stdbridge.test>"}, io.Discard, io.Discard)
	}()
	defer stopServer(t, cancel, done)
	get := getter(addr)
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if code, _ := get("/healthz"); code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("server did not become ready")
		}
	}

	// Subscribe: EU notifications about toys (玩具 finds English "toys").
	body := `{"email": "buyer@example.com", "lang": "zh", "label": "EU 玩具", "frequency": "immediate",
		"conditions": {"members": ["EU"], "keywords": ["玩具"]}}`
	resp, err := http.Post(base+"/api/subscriptions", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("POST /api/subscriptions: %s", resp.Status)
	}
	confirmMail := srv.WaitFor(1, 10*time.Second)[0]
	confirmURL := linkIn(t, confirmMail, "/alerts/confirm?t=")

	// Confirm as a browser would: the link shows a button, the button posts.
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	page := fetch(t, browser, "GET", confirmURL, "", nil)
	token := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	if token == nil {
		t.Fatalf("confirm page has no form token:\n%s", page)
	}
	u, _ := url.Parse(confirmURL)
	fetch(t, browser, "POST", base+"/alerts/confirm", url.Values{"t": {u.Query().Get("t")}, "csrf_token": {token[1]}}.Encode(),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Origin": {base}})

	// New notifications are imported while the server runs.
	file := filepath.Join(t.TempDir(), "new.jsonl")
	lines := `{"kind": "notification", "area": "TBT", "symbol": "G/TBT/N/EU/9101", "member": "EU", "distributed": "2026-11-20", "title": "Safety requirements for toys"}
{"kind": "notification", "area": "TBT", "symbol": "G/TBT/N/USA/9102", "member": "USA", "distributed": "2026-11-20", "title": "Toys: magnets"}
{"kind": "notification", "area": "TBT", "symbol": "G/TBT/N/EU/9103", "member": "EU", "distributed": "2026-11-20", "title": "Tyres: labelling"}
`
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	// The import queues the alert, or the server does, whichever follows
	// the change log first; either way it is sent once.
	if out, stderr, code := stdbridge(t, "import", "-data", data, file); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, stderr)
	}
	alert := srv.WaitFor(2, 15*time.Second)[1]
	subject, err := alert.Subject()
	if err != nil || !strings.Contains(subject, "EU 玩具") {
		t.Errorf("alert subject %q (%v)", subject, err)
	}
	text, err := smtptest.Text(alert)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "G/TBT/N/EU/9101") || strings.Contains(text, "9102") || strings.Contains(text, "9103") {
		t.Errorf("alert text does not tell of exactly G/TBT/N/EU/9101:\n%s", text)
	}
	if got := alert.Header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", got)
	}
	unsub := strings.Trim(strings.Split(alert.Header.Get("List-Unsubscribe"), ",")[0], "<> ")
	if !strings.HasPrefix(unsub, base+"/alerts/unsubscribe?t=") {
		t.Fatalf("List-Unsubscribe = %q", alert.Header.Get("List-Unsubscribe"))
	}

	// The mail provider's one-click POST: its own server, no cookie, no
	// form token.
	req, _ := http.NewRequest("POST", unsub, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://mail.example.net")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("one-click unsubscribe: %s", resp.Status)
	}
	manage, _ := url.Parse(linkIn(t, alert, "/alerts/manage?t="))
	var mine struct{ Subscriptions []struct{ Status string } }
	listing := fetch(t, http.DefaultClient, "GET", base+"/api/subscriptions", "", http.Header{"Authorization": {"Bearer " + manage.Query().Get("t")}})
	if err := json.Unmarshal([]byte(listing), &mine); err != nil || len(mine.Subscriptions) != 1 || mine.Subscriptions[0].Status != "unsubscribed" {
		t.Fatalf("subscriptions after unsubscribing: %s (%v)", listing, err)
	}

	// Unsubscribed: another toy notification sends nothing.
	if err := os.WriteFile(file, []byte(strings.ReplaceAll(lines, "/91", "/92")), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, stderr, code := stdbridge(t, "import", "-data", data, file); code != 0 || strings.Contains(out, "1 alerts queued") {
		t.Fatalf("import after unsubscribing: exit %d\n%s%s", code, out, stderr)
	}
	time.Sleep(2500 * time.Millisecond) // two rounds of the server's alerts
	if n := len(srv.Messages()); n != 2 {
		t.Errorf("%d messages in all, want 2 (confirmation, alert)", n)
	}
}

// linkIn finds the first link of a message's text containing part.
func linkIn(t *testing.T, m smtptest.Message, part string) string {
	t.Helper()
	text, err := smtptest.Text(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range strings.Fields(text) {
		if i := strings.Index(f, "http"); i >= 0 && strings.Contains(f, part) {
			return strings.TrimRight(f[i:], "）)。.")
		}
	}
	t.Fatalf("no link with %q in:\n%s", part, text)
	return ""
}

// fetch sends a request and returns the body, failing the test unless
// the answer is 200.
func fetch(t *testing.T, c *http.Client, method, u, body string, h http.Header) string {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s\n%s", method, u, resp.Status, b)
	}
	return string(b)
}
