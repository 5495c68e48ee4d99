// Package smtptest runs an SMTP server inside a test, on loopback, and
// records the messages it accepts. It can require AUTH PLAIN, reject a
// recipient, stall before answering DATA, and stop and restart on the same
// port, so that tests can see how a mailer copes with a real server
// misbehaving.
package smtptest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// The credentials a server started WithAuth accepts.
const (
	User     = "mailer"
	Password = "s3cret"
)

// Message is one accepted message.
type Message struct {
	From   string   // envelope sender (MAIL FROM)
	To     []string // envelope recipients (RCPT TO)
	User   string   // who authenticated, "" without AUTH
	Raw    []byte   // as received, CRLF line ends
	Header mail.Header
}

// Option configures a Server.
type Option func(*Server)

// WithAuth makes the server offer AUTH PLAIN and refuse MAIL FROM until
// the client has authenticated as User with Password.
func WithAuth() Option { return func(s *Server) { s.auth = true } }

// Server is a running (or stopped) test SMTP server.
type Server struct {
	t    testing.TB
	auth bool
	addr string // fixed at Start, so that Restart comes back on the same port

	mu       sync.Mutex
	run      *run // nil while stopped
	msgs     []Message
	changed  chan struct{} // closed and replaced when a message is accepted
	failNext int
	release  <-chan struct{} // HoldData
	held     chan struct{}
	heldOnce bool
}

// run is one start of the server.
type run struct {
	srv    *smtp.Server
	l      net.Listener
	served chan struct{} // closed when Serve returns
	stop   chan struct{} // closed by Stop, releasing held DATA commands
}

// Start starts a server on 127.0.0.1 at a free port; the test's cleanup
// stops it.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{t: t, changed: make(chan struct{})}
	for _, o := range opts {
		o(s)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: listen: %v", err)
	}
	s.addr = l.Addr().String()
	s.serve(l)
	t.Cleanup(s.Stop)
	return s
}

// Addr is the server's host:port.
func (s *Server) Addr() string { return s.addr }

// Host is the server's IP address, 127.0.0.1.
func (s *Server) Host() string {
	h, _, _ := net.SplitHostPort(s.addr)
	return h
}

// Port is the server's port.
func (s *Server) Port() int {
	_, p, _ := net.SplitHostPort(s.addr)
	n, _ := strconv.Atoi(p)
	return n
}

func (s *Server) serve(l net.Listener) {
	srv := smtp.NewServer(smtp.BackendFunc(s.newSession))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 30 * time.Second
	// The server's complaints (a client hanging up) are the tests' point,
	// not news.
	srv.ErrorLog = log.New(io.Discard, "", 0)
	r := &run{srv: srv, l: l, served: make(chan struct{}), stop: make(chan struct{})}
	s.mu.Lock()
	s.run = r
	s.mu.Unlock()
	go func() {
		defer close(r.served)
		srv.Serve(l)
	}()
}

// Stop closes the listener and every connection, like a server going
// down; DATA commands held by HoldData fail. Messages stay recorded.
// Stopping a stopped server does nothing.
func (s *Server) Stop() {
	s.mu.Lock()
	r := s.run
	s.run = nil
	s.mu.Unlock()
	if r == nil {
		return
	}
	close(r.stop)
	r.srv.Close()
	// Close knows only the listeners Serve has registered; the goroutine
	// may not have got that far.
	r.l.Close()
	<-r.served
}

// Restart starts a stopped server again on the same address.
func (s *Server) Restart() {
	s.t.Helper()
	s.mu.Lock()
	running := s.run != nil
	s.mu.Unlock()
	if running {
		s.t.Fatalf("smtptest: Restart of a running server")
	}
	l, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatalf("smtptest: listen again on %s: %v", s.addr, err)
	}
	s.serve(l)
}

// FailNext makes the server answer the next RCPT TO with code (such as
// 550, a permanent refusal, or 451, a temporary one).
func (s *Server) FailNext(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = code
}

// HoldData makes every DATA wait, after the message has been read and
// before the server answers, until release is closed (or the server
// stops; then the message is refused and not recorded). The returned
// channel is closed when the first DATA starts to wait, that is when the
// client has sent the whole message and waits for the reply. HoldData(nil)
// ends holding.
func (s *Server) HoldData(release <-chan struct{}) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.release, s.held, s.heldOnce = release, make(chan struct{}), false
	return s.held
}

// Messages returns the messages accepted so far, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.msgs)
}

// WaitFor waits until at least n messages have been accepted and returns
// them, or fails the test after timeout. Call it from the test's
// goroutine.
func (s *Server) WaitFor(n int, timeout time.Duration) []Message {
	s.t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		msgs, changed := slices.Clone(s.msgs), s.changed
		s.mu.Unlock()
		if len(msgs) >= n {
			return msgs
		}
		select {
		case <-changed:
		case <-deadline.C:
			s.t.Fatalf("smtptest: %d messages accepted after %v, want %d", len(msgs), timeout, n)
			return nil
		}
	}
}

func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.run == nil {
		return nil, errors.New("server stopped")
	}
	return &session{s: s, stop: s.run.stop}, nil
}

// takeFailure returns and clears the code FailNext set.
func (s *Server) takeFailure() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	code := s.failNext
	s.failNext = 0
	return code
}

// hold returns the channel DATA waits on, nil when not holding, and
// signals the first wait.
func (s *Server) hold() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.release == nil {
		return nil
	}
	if !s.heldOnce {
		s.heldOnce = true
		close(s.held)
	}
	return s.release
}

func (s *Server) record(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, m)
	close(s.changed)
	s.changed = make(chan struct{})
}

// session is one client connection.
type session struct {
	s    *Server
	stop <-chan struct{}
	user string
	from string
	to   []string
}

func (ss *session) AuthMechanisms() []string {
	if !ss.s.auth {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(mech string) (sasl.Server, error) {
	if !ss.s.auth || mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != User || password != Password || (identity != "" && identity != username) {
			return smtp.ErrAuthFailed
		}
		ss.user = username
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.auth && ss.user == "" {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if code := ss.s.takeFailure(); code != 0 {
		return &smtp.SMTPError{
			Code:         code,
			EnhancedCode: smtp.EnhancedCode{code / 100, 0, 0},
			Message:      fmt.Sprintf("smtptest: recipient %s refused as asked", to),
		}
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if release := ss.s.hold(); release != nil {
		select {
		case <-release:
		case <-ss.stop:
			return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "smtptest: shutting down"}
		}
	}
	parsed, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "smtptest: unparsable message: " + err.Error()}
	}
	ss.s.record(Message{From: ss.from, To: slices.Clone(ss.to), User: ss.user, Raw: raw, Header: parsed.Header})
	return nil
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }

// Subject is the message's Subject, RFC 2047 encoded words decoded.
func (m Message) Subject() (string, error) { return m.Decoded("Subject") }

// Decoded is a header's value with RFC 2047 encoded words decoded.
func (m Message) Decoded(key string) (string, error) {
	v, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get(key))
	if err != nil {
		return "", fmt.Errorf("decode %s: %w", key, err)
	}
	return v, nil
}

// Text is the message's text/plain body, decoded, with \n line ends.
func Text(m Message) (string, error) { return Part(m, "text/plain") }

// HTML is the message's text/html body, decoded, with \n line ends.
func HTML(m Message) (string, error) { return Part(m, "text/html") }

// Part finds the first part of the given media type, looking inside
// multipart containers, and returns it with its transfer encoding
// (quoted-printable, base64) undone. Only UTF-8 and US-ASCII text is
// supported.
func Part(m Message, mediaType string) (string, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Raw))
	if err != nil {
		return "", fmt.Errorf("parse message: %w", err)
	}
	body, found, err := findPart(textproto.MIMEHeader(msg.Header), msg.Body, mediaType)
	if err != nil {
		return "", err
	}
	if !found {
		return "", fmt.Errorf("no %s part", mediaType)
	}
	return strings.ReplaceAll(body, "\r\n", "\n"), nil
}

func findPart(h textproto.MIMEHeader, body io.Reader, want string) (string, bool, error) {
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii" // RFC 2045's default
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return "", false, fmt.Errorf("content type %q: %w", ct, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			// Raw parts: NextPart would undo quoted-printable itself but
			// not base64; one decoder for both keeps them alike.
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return "", false, nil
			}
			if err != nil {
				return "", false, fmt.Errorf("read %s: %w", mt, err)
			}
			text, found, err := findPart(p.Header, p, want)
			if err != nil || found {
				return text, found, err
			}
		}
	}
	if mt != want {
		return "", false, nil
	}
	if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "us-ascii" {
		return "", false, fmt.Errorf("%s part in charset %q: only UTF-8 is supported", mt, cs)
	}
	var r io.Reader
	switch cte := strings.ToLower(h.Get("Content-Transfer-Encoding")); cte {
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, body)
	case "", "7bit", "8bit", "binary":
		r = body
	default:
		return "", false, fmt.Errorf("%s part: transfer encoding %q", mt, cte)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return "", false, fmt.Errorf("decode %s part: %w", mt, err)
	}
	return string(b), true, nil
}
