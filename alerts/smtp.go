package alerts

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTPConfig is how to reach the mail server that sends alerts.
type SMTPConfig struct {
	Host string
	Port int // 0: 587 for starttls, 465 for tls, 25 for none
	// TLS is "starttls" (the default; the server must offer it), "tls"
	// (implicit TLS, usually port 465) or "none" (plain text, allowed only
	// to a loopback address, such as a local relay).
	TLS                string
	Username, Password string // both or neither
	From               string // "stdbridge <alerts@example.cn>"
	// Timeout bounds connecting and each command; 0 means 30 seconds.
	Timeout time.Duration
}

// TLS modes of SMTPConfig.
const (
	SMTPStartTLS = "starttls"
	SMTPTLS      = "tls"
	SMTPNoTLS    = "none"
)

// SMTP delivers mails to an SMTP server, one connection per mail.
type SMTP struct {
	cfg  SMTPConfig
	from *mail.Address
}

// NewSMTP checks the configuration and fills in its defaults.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	var errs []error
	cfg.Host = strings.TrimSpace(cfg.Host)
	if cfg.Host == "" {
		errs = append(errs, errors.New("host is required"))
	}
	cfg.TLS = strings.ToLower(strings.TrimSpace(cfg.TLS))
	if cfg.TLS == "" {
		cfg.TLS = SMTPStartTLS
	}
	switch cfg.TLS {
	case SMTPStartTLS, SMTPTLS:
	case SMTPNoTLS:
		if cfg.Host != "" && !isLoopback(cfg.Host) {
			errs = append(errs, fmt.Errorf("TLS %q is allowed only to a loopback host, not %q: passwords and mail would cross the network in clear", SMTPNoTLS, cfg.Host))
		}
	default:
		errs = append(errs, fmt.Errorf("TLS %q: want %q, %q or %q", cfg.TLS, SMTPStartTLS, SMTPTLS, SMTPNoTLS))
	}
	if cfg.Port == 0 {
		cfg.Port = map[string]int{SMTPStartTLS: 587, SMTPTLS: 465, SMTPNoTLS: 25}[cfg.TLS]
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		errs = append(errs, fmt.Errorf("port %d out of range", cfg.Port))
	}
	if (cfg.Username == "") != (cfg.Password == "") {
		errs = append(errs, errors.New("give both username and password, or neither"))
	}
	from, err := parseFrom(cfg.From)
	if err != nil {
		errs = append(errs, err)
	}
	switch {
	case cfg.Timeout < 0:
		errs = append(errs, fmt.Errorf("timeout %v is negative", cfg.Timeout))
	case cfg.Timeout == 0:
		cfg.Timeout = 30 * time.Second
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("smtp config: %w", err)
	}
	return &SMTP{cfg: cfg, from: from}, nil
}

func parseFrom(s string) (*mail.Address, error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("from address is required")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("from address %q: %w", s, err)
	}
	if _, domain, _ := strings.Cut(a.Address, "@"); domain == "" {
		return nil, fmt.Errorf("from address %q has no domain", s)
	}
	return a, nil
}

// isLoopback reports whether host names this machine: localhost or a
// loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// Deliver sends one mail. A recipient the server refuses for good (a 5xx
// reply to RCPT TO) is a *Permanent error; anything else (no connection,
// a 4xx reply, a timeout) is an error worth retrying.
func (s *SMTP) Deliver(ctx context.Context, m Mail) error {
	msg, err := buildMsg(m, s.from, time.Now())
	if err != nil {
		return &Permanent{Err: fmt.Errorf("smtp: mail %s: %w", m.MessageID, err)}
	}
	// Cancelling ctx closes the connection, so a stalled server does not
	// hold the caller past its deadline (go-mail only watches ctx while
	// dialling).
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	c, err := gomail.NewClient(s.cfg.Host, s.clientOptions(ctx)...)
	if err != nil {
		return fmt.Errorf("smtp: client for %s: %w", s.cfg.Host, err)
	}
	err = c.DialAndSendWithContext(ctx, msg)
	if err == nil {
		return nil
	}
	err = fmt.Errorf("smtp: deliver %s to %s via %s:%d: %w", msg.GetMessageID(), m.To, s.cfg.Host, s.cfg.Port, err)
	if cerr := ctx.Err(); cerr != nil {
		return fmt.Errorf("%w (%w)", err, cerr)
	}
	var se *gomail.SendError
	if errors.As(err, &se) && se.Reason == gomail.ErrSMTPRcptTo && se.ErrorCode() >= 500 && se.ErrorCode() < 600 {
		return &Permanent{Err: err}
	}
	return err
}

func (s *SMTP) clientOptions(ctx context.Context) []gomail.Option {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.cfg.Timeout),
		gomail.WithDialContextFunc(s.dial(ctx)),
	}
	switch s.cfg.TLS {
	case SMTPTLS:
		opts = append(opts, gomail.WithSSL())
	case SMTPNoTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.Username != "" {
		// PLAIN and LOGIN are what mail providers offer; others are
		// discovered. In clear text only to loopback, which NewSMTP
		// ensures.
		mechs := []gomail.SMTPAuthType{gomail.SMTPAuthPlain, gomail.SMTPAuthLogin}
		if s.cfg.TLS == SMTPNoTLS {
			mechs = []gomail.SMTPAuthType{gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc}
		}
		opts = append(opts, gomail.WithOpportunisticSMTPAuth(mechs...),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	return opts
}

// dial connects (with implicit TLS for "tls") and ties the connection's
// life to ctx.
func (s *SMTP) dial(ctx context.Context) gomail.DialContextFunc {
	return func(dialCtx context.Context, network, addr string) (net.Conn, error) {
		d := &net.Dialer{}
		var conn net.Conn
		var err error
		if s.cfg.TLS == SMTPTLS {
			td := &tls.Dialer{NetDialer: d, Config: &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}}
			conn, err = td.DialContext(dialCtx, network, addr)
		} else {
			conn, err = d.DialContext(dialCtx, network, addr)
		}
		if err != nil {
			return nil, err
		}
		context.AfterFunc(ctx, func() { conn.Close() })
		return conn, nil
	}
}

// buildMsg makes the RFC 5322 message of a mail: multipart/alternative
// text and HTML in UTF-8, with the headers that let receivers thread,
// filter and unsubscribe.
func buildMsg(m Mail, from *mail.Address, now time.Time) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(from)
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("recipient %q: %w", m.To, err)
	}
	_, domain, _ := strings.Cut(from.Address, "@")
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(fullMessageID(m.MessageID, domain))
	msg.SetDateWithValue(now)
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	// List-Id names the sender's alerts as a list, so that receivers can
	// filter them and offer their own unsubscribe button.
	msg.SetGenHeaderPreformatted("List-Id", "stdbridge alerts <alerts."+domain+">")
	if m.Unsubscribe != "" {
		msg.SetListUnsubscribe(m.Unsubscribe)
		msg.SetListUnsubscribePost()
	}
	msg.SetGenHeader(gomail.HeaderContentLang, htmlLang(mailLang(m.Lang)))
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// fullMessageID completes a mail's Message-ID: the domain added when it has
// none, a random one when the mail has no id of its own.
func fullMessageID(id, domain string) string {
	if id == "" {
		id = rand.Text()
	}
	if !strings.Contains(id, "@") {
		id += "@" + domain
	}
	return id
}
