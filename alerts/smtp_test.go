package alerts

import (
	"context"
	"errors"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/internal/smtptest"
)

const testFrom = "stdbridge 通报提醒 <alerts@stdbridge.example.cn>"

func TestNewSMTP(t *testing.T) {
	tests := []struct {
		name string
		cfg  SMTPConfig
		want SMTPConfig // the config with defaults, when valid
		err  string
	}{
		{
			name: "defaults to required STARTTLS",
			cfg:  SMTPConfig{Host: " smtp.example.cn ", From: testFrom},
			want: SMTPConfig{Host: "smtp.example.cn", Port: 587, TLS: "starttls", From: testFrom, Timeout: 30 * time.Second},
		},
		{
			name: "implicit TLS",
			cfg:  SMTPConfig{Host: "smtp.example.cn", TLS: "TLS", Username: "u", Password: "p", From: testFrom, Timeout: time.Minute},
			want: SMTPConfig{Host: "smtp.example.cn", Port: 465, TLS: "tls", Username: "u", Password: "p", From: testFrom, Timeout: time.Minute},
		},
		{
			name: "plain to loopback",
			cfg:  SMTPConfig{Host: "127.0.0.1", Port: 2525, TLS: "none", From: testFrom},
			want: SMTPConfig{Host: "127.0.0.1", Port: 2525, TLS: "none", From: testFrom, Timeout: 30 * time.Second},
		},
		{
			name: "plain to localhost",
			cfg:  SMTPConfig{Host: "localhost", TLS: "none", From: "a@b.cn"},
			want: SMTPConfig{Host: "localhost", Port: 25, TLS: "none", From: "a@b.cn", Timeout: 30 * time.Second},
		},
		{
			name: "plain to IPv6 loopback",
			cfg:  SMTPConfig{Host: "::1", TLS: "none", From: "a@b.cn"},
			want: SMTPConfig{Host: "::1", Port: 25, TLS: "none", From: "a@b.cn", Timeout: 30 * time.Second},
		},
		{name: "plain across the network", cfg: SMTPConfig{Host: "smtp.example.cn", TLS: "none", From: testFrom}, err: "only to a loopback host"},
		{name: "plain to a LAN address", cfg: SMTPConfig{Host: "192.168.1.10", TLS: "none", From: testFrom}, err: "only to a loopback host"},
		{name: "no host", cfg: SMTPConfig{From: testFrom}, err: "host is required"},
		{name: "no from", cfg: SMTPConfig{Host: "smtp.example.cn"}, err: "from address is required"},
		{name: "bad from", cfg: SMTPConfig{Host: "smtp.example.cn", From: "alerts at example"}, err: "from address"},
		{name: "unknown TLS", cfg: SMTPConfig{Host: "smtp.example.cn", TLS: "ssl", From: testFrom}, err: `TLS "ssl"`},
		{name: "user without password", cfg: SMTPConfig{Host: "smtp.example.cn", Username: "u", From: testFrom}, err: "both username and password"},
		{name: "port out of range", cfg: SMTPConfig{Host: "smtp.example.cn", Port: 70000, From: testFrom}, err: "port 70000"},
		{name: "negative timeout", cfg: SMTPConfig{Host: "smtp.example.cn", From: testFrom, Timeout: -time.Second}, err: "negative"},
		{name: "every problem at once", cfg: SMTPConfig{TLS: "x", Username: "u"}, err: "host is required\nTLS \"x\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSMTP(tt.cfg)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, s.cfg); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
		})
	}
}

// newTestSMTP is a transport to a test server, in clear text (allowed: the
// server is on loopback).
func newTestSMTP(t *testing.T, srv *smtptest.Server, change ...func(*SMTPConfig)) *SMTP {
	t.Helper()
	cfg := SMTPConfig{Host: srv.Host(), Port: srv.Port(), TLS: SMTPNoTLS, From: testFrom, Timeout: 10 * time.Second}
	for _, c := range change {
		c(&cfg)
	}
	s, err := NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkReceived checks that what the server got is the composed mail,
// with the headers receivers rely on.
func checkReceived(t *testing.T, got smtptest.Message, m Mail, wantID string) {
	t.Helper()
	if got.From != "alerts@stdbridge.example.cn" || !cmp.Equal(got.To, []string{m.To}) {
		t.Errorf("envelope from %q to %q, want alerts@stdbridge.example.cn to %q", got.From, got.To, m.To)
	}
	subject, err := got.Subject()
	if err != nil {
		t.Error(err)
	}
	from, err := got.Header.AddressList("From")
	if err != nil {
		t.Error(err)
	}
	headers := map[string]string{
		"Subject":        subject,
		"Message-ID":     got.Header.Get("Message-ID"),
		"Auto-Submitted": got.Header.Get("Auto-Submitted"),
		"List-Id":        got.Header.Get("List-Id"),
		"Content-Lang":   got.Header.Get("Content-Language"),
		"To":             got.Header.Get("To"),
	}
	want := map[string]string{
		"Subject":        m.Subject,
		"Message-ID":     wantID,
		"Auto-Submitted": "auto-generated",
		"List-Id":        "stdbridge alerts <alerts.stdbridge.example.cn>",
		"Content-Lang":   htmlLang(m.Lang),
		"To":             "<" + m.To + ">",
	}
	if m.Unsubscribe != "" {
		headers["List-Unsubscribe"] = got.Header.Get("List-Unsubscribe")
		headers["List-Unsubscribe-Post"] = got.Header.Get("List-Unsubscribe-Post")
		want["List-Unsubscribe"] = "<" + m.Unsubscribe + ">"
		want["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
	} else if v := got.Header.Get("List-Unsubscribe"); v != "" {
		t.Errorf("List-Unsubscribe %q on a mail without an unsubscribe link", v)
	}
	if diff := cmp.Diff(want, headers); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	if len(from) != 1 || from[0].Name != "stdbridge 通报提醒" || from[0].Address != "alerts@stdbridge.example.cn" {
		t.Errorf("From %v", from)
	}
	if _, err := got.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/alternative;") {
		t.Errorf("Content-Type %q, want multipart/alternative", ct)
	}
	text, err := smtptest.Text(got)
	if err != nil {
		t.Fatal(err)
	}
	html, err := smtptest.HTML(got)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m.Text, text); diff != "" {
		t.Errorf("text part (-composed +received):\n%s", diff)
	}
	if diff := cmp.Diff(m.HTML, html); diff != "" {
		t.Errorf("HTML part (-composed +received):\n%s", diff)
	}
}

func TestSMTPRoundTrip(t *testing.T) {
	srv := smtptest.Start(t)
	s := newTestSMTP(t, srv)
	for i, lang := range []string{"zh", "en"} {
		m, err := ComposeAlert(mailDigest(t, lang))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Deliver(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		got := srv.WaitFor(i+1, 10*time.Second)[i]
		checkReceived(t, got, m, "<alert-12-0123456789abcdef@stdbridge.example.cn>")
	}
}

func TestSMTPMessageID(t *testing.T) {
	srv := smtptest.Start(t)
	s := newTestSMTP(t, srv)
	confirm := ComposeConfirm(mailEUToys("zh"), mailLinks(t))
	withDomain := confirm
	withDomain.MessageID = "x-1@elsewhere.example"
	for _, m := range []Mail{confirm, confirm, withDomain} {
		if err := s.Deliver(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	msgs := srv.WaitFor(3, 10*time.Second)
	var ids []string
	for _, m := range msgs {
		ids = append(ids, m.Header.Get("Message-ID"))
	}
	made := regexp.MustCompile(`^<[A-Z2-7]{26}@stdbridge\.example\.cn>$`)
	if !made.MatchString(ids[0]) || !made.MatchString(ids[1]) || ids[0] == ids[1] {
		t.Errorf("made-up ids %q and %q: want two different <random@stdbridge.example.cn>", ids[0], ids[1])
	}
	if ids[2] != "<x-1@elsewhere.example>" {
		t.Errorf("id %q, want the mail's own <x-1@elsewhere.example>", ids[2])
	}
	checkReceived(t, msgs[0], confirm, ids[0])
}

func TestSMTPAuth(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithAuth())
	m := ComposeManage("a@example.com", "en", mailLinks(t))

	err := newTestSMTP(t, srv, func(c *SMTPConfig) { c.Username, c.Password = smtptest.User, "wrong" }).Deliver(context.Background(), m)
	var perm *Permanent
	if err == nil || errors.As(err, &perm) {
		t.Errorf("wrong password: err = %v, want a retryable error (the configuration is at fault, not the recipient)", err)
	}
	if err := newTestSMTP(t, srv).Deliver(context.Background(), m); err == nil {
		t.Error("delivered without AUTH to a server that requires it")
	}
	s := newTestSMTP(t, srv, func(c *SMTPConfig) { c.Username, c.Password = smtptest.User, smtptest.Password })
	if err := s.Deliver(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if got := srv.WaitFor(1, 10*time.Second); len(got) != 1 || got[0].User != smtptest.User {
		t.Errorf("accepted %d messages, from user %q; want 1 from %q", len(got), got[0].User, smtptest.User)
	}
}

func TestSMTPRecipientRefused(t *testing.T) {
	tests := []struct {
		code      int
		permanent bool
	}{
		{550, true},  // no such user: retrying will not create one
		{553, true},  // address not allowed
		{451, false}, // greylisting and the like
		{452, false}, // mailbox full for now
	}
	srv := smtptest.Start(t)
	s := newTestSMTP(t, srv)
	m, err := ComposeAlert(mailSingle(t, "zh"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		srv.FailNext(tt.code)
		err := s.Deliver(context.Background(), m)
		var perm *Permanent
		if err == nil || errors.As(err, &perm) != tt.permanent {
			t.Errorf("RCPT refused with %d: err = %v, want permanent %v", tt.code, err, tt.permanent)
		}
		// The sender keeps the verdict through its wrapping.
		srv.FailNext(tt.code)
		err = EmailSender{Transport: s}.Send(context.Background(), mailSingle(t, "zh"))
		if err == nil || errors.As(err, &perm) != tt.permanent || !strings.Contains(err.Error(), "send alert alert-13-") {
			t.Errorf("Send with RCPT refused with %d: err = %v, want permanent %v", tt.code, err, tt.permanent)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages accepted, want none", n)
	}
	if err := (EmailSender{Transport: s}).Send(context.Background(), mailSingle(t, "zh")); err != nil {
		t.Fatalf("after the refusals: %v", err)
	}
}

// TestSMTPOutage: with the server down, delivery fails in a way worth
// retrying, and the retry after the server is back delivers the same mail.
func TestSMTPOutage(t *testing.T) {
	srv := smtptest.Start(t)
	s := newTestSMTP(t, srv)
	m, err := ComposeAlert(mailDigest(t, "zh"))
	if err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	err = s.Deliver(context.Background(), m)
	var perm *Permanent
	if err == nil || errors.As(err, &perm) {
		t.Fatalf("server down: err = %v, want a retryable error", err)
	}
	srv.Restart()
	if err := s.Deliver(context.Background(), m); err != nil {
		t.Fatalf("after restart: %v", err)
	}
	checkReceived(t, srv.WaitFor(1, 10*time.Second)[0], m, "<alert-12-0123456789abcdef@stdbridge.example.cn>")
}

func TestSMTPStartTLSRequired(t *testing.T) {
	srv := smtptest.Start(t)
	s := newTestSMTP(t, srv, func(c *SMTPConfig) { c.TLS = SMTPStartTLS })
	err := s.Deliver(context.Background(), ComposeManage("a@example.com", "zh", mailLinks(t)))
	var perm *Permanent
	if err == nil || errors.As(err, &perm) || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("err = %v, want a retryable error about STARTTLS", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages sent in clear text, want none", n)
	}
}

// TestSMTPStalledServer: a server that never answers DATA holds delivery
// only until the context is cancelled or the timeout passes.
func TestSMTPStalledServer(t *testing.T) {
	srv := smtptest.Start(t)
	release := make(chan struct{})
	defer close(release)
	m := ComposeManage("a@example.com", "zh", mailLinks(t))

	t.Run("cancelled", func(t *testing.T) {
		held := srv.HoldData(release)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- newTestSMTP(t, srv).Deliver(ctx, m) }()
		<-held
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		srv.HoldData(release)
		s := newTestSMTP(t, srv, func(c *SMTPConfig) { c.Timeout = 300 * time.Millisecond })
		err := s.Deliver(context.Background(), m)
		var perm *Permanent
		if err == nil || errors.As(err, &perm) {
			t.Errorf("err = %v, want a retryable error", err)
		}
	})
}

func TestDirTransport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mail")
	d, err := NewDirTransport(dir, testFrom)
	if err != nil {
		t.Fatal(err)
	}
	alert, err := ComposeAlert(mailDigest(t, "zh"))
	if err != nil {
		t.Fatal(err)
	}
	confirm := ComposeConfirm(mailEUToys("en"), mailLinks(t))
	for _, m := range []Mail{alert, confirm} {
		if err := d.Deliver(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := d.Deliver(ctx, alert); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 {
		t.Fatalf("files %q, want 2 .eml files and nothing else", names)
	}
	if !strings.HasSuffix(names[0], "-alert-12-0123456789abcdef@stdbridge.example.cn.eml") || !strings.HasSuffix(names[1], ".eml") {
		t.Errorf("files %q: want time-ordered names ending in the Message-ID", names)
	}
	for i, m := range []Mail{alert, confirm} {
		raw, err := os.ReadFile(filepath.Join(dir, names[i]))
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := mail.ReadMessage(strings.NewReader(string(raw)))
		if err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		got := smtptest.Message{From: "alerts@stdbridge.example.cn", To: []string{m.To}, Raw: raw, Header: parsed.Header}
		wantID := "<alert-12-0123456789abcdef@stdbridge.example.cn>"
		if i == 1 {
			wantID = parsed.Header.Get("Message-ID")
		}
		checkReceived(t, got, m, wantID)
	}
}

func TestNewDirTransportDefaults(t *testing.T) {
	if _, err := NewDirTransport(t.TempDir(), ""); err != nil {
		t.Errorf("empty from: %v", err)
	}
	if _, err := NewDirTransport(t.TempDir(), "nobody"); err == nil {
		t.Error("from without a domain accepted")
	}
}
