package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/store"
)

// alertFlags configure alert delivery, for serve and `stdbridge alerts`.
type alertFlags struct {
	baseURL      string
	smtpHost     string
	smtpPort     int
	smtpTLS      string
	smtpUser     string
	mailFrom     string
	allowPrivate bool
}

func (f *alertFlags) register(fs *flag.FlagSet, defaultBase string) {
	fs.StringVar(&f.baseURL, "base-url", envOr("STDBRIDGE_BASE_URL", defaultBase), "the site's public URL, for links in e-mails and feeds (STDBRIDGE_BASE_URL)")
	fs.StringVar(&f.smtpHost, "smtp-host", envOr("STDBRIDGE_SMTP_HOST", ""), "SMTP server for alert e-mails; none: e-mails are written to DATA/mail (STDBRIDGE_SMTP_HOST)")
	fs.IntVar(&f.smtpPort, "smtp-port", envInt("STDBRIDGE_SMTP_PORT", 587), "SMTP port (STDBRIDGE_SMTP_PORT)")
	fs.StringVar(&f.smtpTLS, "smtp-tls", envOr("STDBRIDGE_SMTP_TLS", "starttls"), "starttls, tls (implicit, port 465) or none (loopback servers only) (STDBRIDGE_SMTP_TLS)")
	fs.StringVar(&f.smtpUser, "smtp-user", envOr("STDBRIDGE_SMTP_USER", ""), "SMTP user; the password is read from STDBRIDGE_SMTP_PASSWORD")
	fs.StringVar(&f.mailFrom, "mail-from", envOr("STDBRIDGE_MAIL_FROM", "stdbridge <alerts@localhost>"), "sender of alert e-mails (STDBRIDGE_MAIL_FROM)")
	fs.BoolVar(&f.allowPrivate, "webhook-allow-private", envOr("STDBRIDGE_WEBHOOK_ALLOW_PRIVATE", "") != "", "let webhooks target loopback, private and link-local addresses (STDBRIDGE_WEBHOOK_ALLOW_PRIVATE)")
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(envOr(key, "")); err == nil {
		return n
	}
	return def
}

// alertParts is alert matching and delivery wired to a data directory.
type alertParts struct {
	queue     *alerts.Queue
	deliverer *alerts.Deliverer
	desk      *alerts.Desk
}

func newAlertParts(a *app.App, dataDir string, f alertFlags, log *slog.Logger) (*alertParts, error) {
	if !strings.HasPrefix(f.baseURL, "http://") && !strings.HasPrefix(f.baseURL, "https://") {
		return nil, usageError{fmt.Sprintf("-base-url %q: want an http:// or https:// URL", f.baseURL)}
	}
	var transport alerts.MailTransport
	if f.smtpHost == "" {
		dir, err := alerts.NewDirTransport(filepath.Join(dataDir, "mail"), f.mailFrom)
		if err != nil {
			return nil, err
		}
		transport = dir
	} else {
		smtp, err := alerts.NewSMTP(alerts.SMTPConfig{
			Host: f.smtpHost, Port: f.smtpPort, TLS: f.smtpTLS,
			Username: f.smtpUser, Password: os.Getenv("STDBRIDGE_SMTP_PASSWORD"),
			From: f.mailFrom,
		})
		if err != nil {
			return nil, usageError{err.Error()}
		}
		transport = smtp
	}
	secret, err := sessionSecret(dataDir)
	if err != nil {
		return nil, err
	}
	tokens, err := alerts.NewTokens(secret)
	if err != nil {
		return nil, err
	}
	links := alerts.Links{Base: strings.TrimRight(f.baseURL, "/"), Tokens: tokens}
	q, err := a.AlertQueue(nil)
	if err != nil {
		return nil, err
	}
	return &alertParts{
		queue: q,
		deliverer: &alerts.Deliverer{
			Store: a.Store,
			Senders: map[store.Channel]alerts.Sender{
				store.ChannelEmail:   alerts.EmailSender{Transport: transport},
				store.ChannelWebhook: alerts.NewWebhookSender(alerts.WebhookOptions{AllowPrivate: f.allowPrivate}),
			},
			Links: links,
			Log:   log,
		},
		desk: &alerts.Desk{Store: a.Store, Mail: transport, Links: links, Queue: q, AllowPrivateWebhooks: f.allowPrivate},
	}, nil
}

// once queues what new changes call for, then delivers what is due.
func (p *alertParts) once(ctx context.Context) (alerts.QueueResult, alerts.DeliverResult, error) {
	q, err := p.queue.Run(ctx)
	if err != nil {
		return q, alerts.DeliverResult{}, err
	}
	d, err := p.deliverer.Run(ctx)
	return q, d, err
}

// alertsEvery runs the alerts now and then until ctx ends.
func (p *alertParts) every(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		q, d, err := p.once(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("alerts", "err", err)
		case q.Queued+d.Messages+d.Failed+d.Dead > 0:
			log.Info("alerts", "matched", q.Matches, "queued", q.Queued, "sent", d.Messages, "entries", d.Entries, "failed", d.Failed, "dead", d.Dead)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

const alertsUsage = `usage:
  stdbridge alerts run [-data DIR] [mail flags]   queue what new notifications call for and deliver what is due, once
  stdbridge alerts status [-data DIR]             subscriptions, the outbox by state, and the dead letters
  stdbridge alerts retry [-data DIR] ID...        put dead letters back in the queue
`

func runAlerts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" {
		fmt.Fprint(stdout, alertsUsage)
		if len(args) == 0 {
			return usageError{"alerts: name a subcommand"}
		}
		return nil
	}
	switch args[0] {
	case "run":
		return runAlertsOnce(ctx, args[1:], stdout, stderr)
	case "status":
		return runAlertsStatus(ctx, args[1:], stdout, stderr)
	case "retry":
		return runAlertsRetry(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprint(stderr, alertsUsage)
	return usageError{fmt.Sprintf("alerts: unknown subcommand %q", args[0])}
}

func runAlertsOnce(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var af alertFlags
	var lease time.Duration
	cfg, _, err := parseCommand("alerts run", args, stderr, false, func(fs *flag.FlagSet) {
		af.register(fs, "http://127.0.0.1:8080")
		fs.DurationVar(&lease, "lease", 5*time.Minute, "how long a sender holds the entries it is sending: those of a sender that died wait this long")
	})
	if err != nil {
		return err
	}
	if lease < time.Second {
		return usageError{"-lease must be at least 1s"}
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	p, err := newAlertParts(a, cfg.DataDir, af, newLogger(stderr))
	if err != nil {
		return err
	}
	p.deliverer.Lease = lease
	start := time.Now()
	q, d, err := p.once(ctx)
	fmt.Fprintf(stdout, "matched: %d changes, %d notifications, %d matches, %d new outbox entries\n", q.Changes, q.Notifications, q.Matches, q.Queued)
	fmt.Fprintf(stdout, "delivered: %d messages (%d entries), %d failed (will retry), %d dead, in %s\n", d.Messages, d.Entries, d.Failed, d.Dead, time.Since(start).Round(time.Millisecond))
	return err
}

func runAlertsStatus(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, _, err := parseCommand("alerts status", args, stderr, false, nil)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	subs, err := a.Store.Subscriptions(ctx)
	if err != nil {
		return err
	}
	byStatus := map[store.SubStatus]int{}
	for _, s := range subs {
		byStatus[s.Status]++
	}
	fmt.Fprintf(stdout, "subscriptions: %d active, %d paused, %d pending, %d unsubscribed\n", byStatus[store.SubActive], byStatus[store.SubPaused], byStatus[store.SubPending], byStatus[store.SubUnsubscribed])
	counts, err := a.Store.OutboxCounts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "outbox: %d pending, %d sent, %d dead\n", counts[store.DeliveryPending], counts[store.DeliverySent], counts[store.DeliveryDead])
	dead, err := a.Store.Deliveries(ctx, store.DeliveryFilter{State: store.DeliveryDead, Limit: 50})
	if err != nil {
		return err
	}
	for _, e := range dead {
		fmt.Fprintf(stdout, "dead %d: subscription %d, %s %s, %d attempts, last: %s\n", e.ID, e.SubscriptionID, e.Kind, e.Notification, e.Attempts, e.LastError)
	}
	return nil
}

func runAlertsRetry(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseCommand("alerts retry", args, stderr, true, nil)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"alerts retry: name the dead letters' ids (see stdbridge alerts status)"}
	}
	var ids []int64
	for _, arg := range fs.Args() {
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil || id <= 0 {
			return usageError{fmt.Sprintf("alerts retry: %q is not an outbox id", arg)}
		}
		ids = append(ids, id)
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	var errs []error
	for _, id := range ids {
		if err := a.Store.Retry(ctx, id, time.Now()); err != nil {
			errs = append(errs, fmt.Errorf("retry %d: %w", id, err))
			continue
		}
		fmt.Fprintf(stdout, "%d: queued again\n", id)
	}
	return errors.Join(errs...)
}
