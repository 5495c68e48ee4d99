package smtptest

import (
	"errors"
	"net/smtp"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// multipartMsg has a quoted-printable text part, a base64 HTML part and an
// RFC 2047 subject, as mailers write them.
const multipartMsg = "From: a@example.com\r\n" +
	"To: b@example.com\r\n" +
	"Subject: =?UTF-8?B?5qyn55uf546p5YW3?=\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: multipart/alternative; boundary=XYZ\r\n" +
	"\r\n" +
	"--XYZ\r\n" +
	"Content-Type: text/plain; charset=UTF-8\r\n" +
	"Content-Transfer-Encoding: quoted-printable\r\n" +
	"\r\n" +
	"=E6=AC=A7=E7=9B=9F a very long line that is soft-broken by quoted-printab=\r\n" +
	"le\r\n" +
	"second line\r\n" +
	"--XYZ\r\n" +
	"Content-Type: text/html; charset=utf-8\r\n" +
	"Content-Transfer-Encoding: base64\r\n" +
	"\r\n" +
	"PHA+5qyn55uf\r\n" +
	"PC9wPg==\r\n" +
	"--XYZ--\r\n"

func send(s *Server, auth smtp.Auth, msg string) error {
	return smtp.SendMail(s.Addr(), auth, "a@example.com", []string{"b@example.com"}, []byte(msg))
}

func TestRoundTrip(t *testing.T) {
	s := Start(t)
	if err := send(s, nil, multipartMsg); err != nil {
		t.Fatal(err)
	}
	msgs := s.WaitFor(1, 10*time.Second)
	m := msgs[0]
	if m.From != "a@example.com" || !cmp.Equal(m.To, []string{"b@example.com"}) || m.User != "" {
		t.Errorf("envelope from %q to %q user %q", m.From, m.To, m.User)
	}
	got := map[string]string{}
	var err error
	if got["subject"], err = m.Subject(); err != nil {
		t.Error(err)
	}
	if got["text"], err = Text(m); err != nil {
		t.Error(err)
	}
	if got["html"], err = HTML(m); err != nil {
		t.Error(err)
	}
	want := map[string]string{
		"subject": "欧盟玩具",
		"text":    "欧盟 a very long line that is soft-broken by quoted-printable\nsecond line",
		"html":    "<p>欧盟</p>",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded message (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(string(m.Raw), "From: a@example.com\r\n") {
		t.Errorf("raw message starts %q", string(m.Raw[:min(40, len(m.Raw))]))
	}
}

func TestPart(t *testing.T) {
	tests := []struct {
		name, raw, mediaType, want, err string
	}{
		{name: "no content type is text", raw: "Subject: x\r\n\r\nhello\r\n", mediaType: "text/plain", want: "hello\n"},
		{name: "single html", raw: "Content-Type: text/html; charset=utf-8\r\n\r\n<b>x</b>", mediaType: "text/html", want: "<b>x</b>"},
		{name: "missing part", raw: "Content-Type: text/plain\r\n\r\nx", mediaType: "text/html", err: "no text/html part"},
		{
			name: "nested in mixed",
			raw: "Content-Type: multipart/mixed; boundary=out\r\n\r\n--out\r\n" +
				"Content-Type: multipart/alternative; boundary=in\r\n\r\n--in\r\n" +
				"Content-Type: text/plain\r\n\r\nplain\r\n--in\r\n" +
				"Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<i>=E2=9C=93</i>\r\n--in--\r\n" +
				"--out--\r\n",
			mediaType: "text/html", want: "<i>✓</i>",
		},
		{name: "other charset", raw: "Content-Type: text/plain; charset=gb2312\r\n\r\nx", mediaType: "text/plain", err: "only UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Part(Message{Raw: []byte(tt.raw)}, tt.mediaType)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAuth(t *testing.T) {
	s := Start(t, WithAuth())
	if err := send(s, nil, multipartMsg); err == nil {
		t.Error("sent without AUTH to a server that requires it")
	}
	if err := send(s, smtp.PlainAuth("", User, "wrong", "127.0.0.1"), multipartMsg); err == nil {
		t.Error("sent with a wrong password")
	}
	if err := send(s, smtp.PlainAuth("", User, Password, "127.0.0.1"), multipartMsg); err != nil {
		t.Fatal(err)
	}
	msgs := s.WaitFor(1, 10*time.Second)
	if len(msgs) != 1 || msgs[0].User != User {
		t.Errorf("got %d messages, first by user %q; want 1 by %q", len(msgs), msgs[0].User, User)
	}
}

func TestFailNext(t *testing.T) {
	for _, code := range []int{550, 451} {
		s := Start(t)
		s.FailNext(code)
		err := send(s, nil, multipartMsg)
		var te *textproto.Error
		if !errors.As(err, &te) || te.Code != code {
			t.Errorf("FailNext(%d): err = %v", code, err)
		}
		if err := send(s, nil, multipartMsg); err != nil {
			t.Errorf("FailNext(%d) failed the second message too: %v", code, err)
		}
		if n := len(s.WaitFor(1, 10*time.Second)); n != 1 {
			t.Errorf("FailNext(%d): %d messages accepted, want 1", code, n)
		}
	}
}

func TestStopRestart(t *testing.T) {
	s := Start(t)
	addr := s.Addr()
	if err := send(s, nil, multipartMsg); err != nil {
		t.Fatal(err)
	}
	s.Stop()
	if err := send(s, nil, multipartMsg); err == nil {
		t.Fatal("sent to a stopped server")
	}
	s.Stop() // again: no-op
	s.Restart()
	if s.Addr() != addr {
		t.Errorf("restarted on %s, want %s", s.Addr(), addr)
	}
	if err := send(s, nil, multipartMsg); err != nil {
		t.Fatalf("after restart: %v", err)
	}
	if n := len(s.WaitFor(2, 10*time.Second)); n != 2 {
		t.Errorf("%d messages, want 2 (one each side of the restart)", n)
	}
}

func TestHoldData(t *testing.T) {
	s := Start(t)
	release := make(chan struct{})
	held := s.HoldData(release)
	done := make(chan error, 1)
	go func() { done <- send(s, nil, multipartMsg) }()
	<-held
	if n := len(s.Messages()); n != 0 {
		t.Errorf("%d messages recorded while DATA is held, want 0", n)
	}
	select {
	case err := <-done:
		t.Fatalf("client finished while DATA was held: %v", err)
	default:
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := len(s.Messages()); n != 1 {
		t.Errorf("%d messages after release, want 1", n)
	}
}

func TestHoldDataThenStop(t *testing.T) {
	s := Start(t)
	held := s.HoldData(make(chan struct{}))
	done := make(chan error, 1)
	go func() { done <- send(s, nil, multipartMsg) }()
	<-held
	s.Stop()
	if err := <-done; err == nil {
		t.Error("client succeeded though the server stopped before answering DATA")
	}
	if n := len(s.Messages()); n != 0 {
		t.Errorf("%d messages recorded, want 0", n)
	}
}

// TestStopAtOnce stops servers before their serving goroutine has
// started, which once left it accepting forever.
func TestStopAtOnce(t *testing.T) {
	for range 20 {
		s := Start(t)
		s.Stop()
		s.Restart()
		s.Stop()
	}
}
