package alerts

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// Desk serves subscribers: subscribing with double opt-in, confirming,
// managing and ending subscriptions, and feedback. Subscribers have no
// accounts: what proves an address is a link e-mailed to it, signed by
// Links.Tokens.
type Desk struct {
	Store store.Alerts
	Mail  MailTransport // sends the confirmation and manage-link e-mails
	Links Links
	// Queue, when set, queues reminders of the still-open notifications a
	// newly confirmed subscription matches.
	Queue *Queue
	// AllowPrivateWebhooks lets webhooks target loopback and private
	// addresses (development, tests, an intranet receiver).
	AllowPrivateWebhooks bool
	Now                  func() time.Time // nil: time.Now
}

// Limits that keep one address or one subscription from growing without
// bound.
const (
	MaxSubscriptionsPerEmail = 50
	MaxPendingPerEmail       = 5 // unconfirmed: caps the confirmation e-mails one address receives
	MaxValuesPerCondition    = 100
	MaxRemindDays            = 90
	MaxLabelLength           = 100
)

// Request is what a subscriber asks for.
type Request struct {
	Email      string
	Lang       string // "zh" (default) or "en"
	Label      string
	Frequency  store.Frequency
	RemindDays int
	Channel    store.Channel
	WebhookURL string
	Conditions kb.Subscription // ID ignored
}

// InputError lists what is wrong with a request, field by field, so a form
// can show each problem beside its field.
type InputError struct {
	Problems []Problem
}

// Problem is one field's error. Field names the request field (email,
// label, frequency, remind_days, channel, webhook_url, conditions).
type Problem struct {
	Field string
	Err   error
}

func (e *InputError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Field + ": " + p.Err.Error()
	}
	return "invalid subscription: " + strings.Join(msgs, "; ")
}

// ErrNotYours is returned when a manage link names a subscription of
// another address.
var ErrNotYours = errors.New("this subscription belongs to another address")

func (d *Desk) now() time.Time {
	if d.Now == nil {
		return time.Now()
	}
	return d.Now()
}

// check validates and canonicalises a request in place.
func (d *Desk) check(r *Request) error {
	var ps []Problem
	bad := func(field string, err error) { ps = append(ps, Problem{field, err}) }
	email, err := CheckEmail(r.Email)
	if err != nil {
		bad("email", err)
	}
	r.Email = email
	switch r.Lang = strings.ToLower(strings.TrimSpace(r.Lang)); r.Lang {
	case "":
		r.Lang = "zh"
	case "zh", "en":
	default:
		bad("lang", fmt.Errorf("unknown language %q (want zh or en)", r.Lang))
	}
	r.Label = strings.Join(strings.Fields(r.Label), " ")
	if n := len([]rune(r.Label)); n > MaxLabelLength {
		bad("label", fmt.Errorf("label of %d characters (at most %d)", n, MaxLabelLength))
	}
	switch r.Frequency {
	case "":
		r.Frequency = store.Immediately
	case store.Immediately, store.Daily, store.Weekly:
	default:
		bad("frequency", fmt.Errorf("unknown frequency %q (want immediate, daily or weekly)", r.Frequency))
	}
	if r.RemindDays < 0 || r.RemindDays > MaxRemindDays {
		bad("remind_days", fmt.Errorf("reminder %d days ahead (want 0 to %d)", r.RemindDays, MaxRemindDays))
	}
	switch r.Channel {
	case "", store.ChannelEmail:
		r.Channel, r.WebhookURL = store.ChannelEmail, ""
	case store.ChannelWebhook:
		if err := CheckWebhookURL(r.WebhookURL, d.AllowPrivateWebhooks); err != nil {
			bad("webhook_url", err)
		}
	default:
		bad("channel", fmt.Errorf("unknown channel %q (want email or webhook)", r.Channel))
	}
	c := &r.Conditions
	c.ID = 0
	for _, vs := range [][]string{c.Members, c.HS, c.ICS, c.Objectives, c.Keywords, c.Exclude, c.Follow} {
		if len(vs) > MaxValuesPerCondition {
			bad("conditions", fmt.Errorf("%d values in one condition (at most %d)", len(vs), MaxValuesPerCondition))
			break
		}
	}
	if err := c.Normalize(); err != nil {
		// Normalize says "subscription 0: ..."; the id means nothing here.
		bad("conditions", errors.New(strings.TrimPrefix(err.Error(), "subscription 0: ")))
	}
	if len(ps) > 0 {
		return &InputError{Problems: ps}
	}
	return nil
}

// CheckEmail returns the bare address of s (a single addr-spec, no display
// name), or an error saying why it is not one.
func CheckEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("no e-mail address")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s || len(s) > 254 || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return "", fmt.Errorf("%q is not an e-mail address", s)
	}
	return s, nil
}

// Subscribe stores a pending subscription and e-mails its confirmation
// link. Nothing is matched or sent for it until the link is followed. If
// the e-mail cannot be sent the subscription is kept pending: subscribing
// again sends a new one.
func (d *Desk) Subscribe(ctx context.Context, r Request) (store.Subscription, error) {
	if err := d.check(&r); err != nil {
		return store.Subscription{}, err
	}
	mine, err := d.Store.SubscriptionsByEmail(ctx, r.Email)
	if err != nil {
		return store.Subscription{}, fmt.Errorf("subscribe: %w", err)
	}
	pending, live := 0, 0
	for _, s := range mine {
		switch s.Status {
		case store.SubPending:
			pending++
		case store.SubActive, store.SubPaused:
			live++
		}
	}
	if pending >= MaxPendingPerEmail {
		return store.Subscription{}, &InputError{Problems: []Problem{{"email", fmt.Errorf("%d subscriptions of this address await confirmation: confirm them (see your inbox) before adding more", pending)}}}
	}
	if live >= MaxSubscriptionsPerEmail {
		return store.Subscription{}, &InputError{Problems: []Problem{{"email", fmt.Errorf("this address has %d subscriptions, the most allowed", live)}}}
	}
	now := d.now()
	sub := store.Subscription{
		Subscription: r.Conditions,
		Email:        r.Email, Lang: r.Lang, Label: r.Label,
		Frequency: r.Frequency, RemindDays: r.RemindDays,
		Channel: r.Channel, WebhookURL: r.WebhookURL,
		FeedToken: rand.Text(),
		Status:    store.SubPending,
		Created:   now, Updated: now,
	}
	if sub.Channel == store.ChannelWebhook {
		sub.WebhookSecret = newSecret()
	}
	sub.ID, err = d.Store.AddSubscription(ctx, sub)
	if err != nil {
		return store.Subscription{}, fmt.Errorf("subscribe: %w", err)
	}
	if err := d.Mail.Deliver(ctx, ComposeConfirm(sub, d.Links)); err != nil {
		return sub, fmt.Errorf("subscribe: send the confirmation e-mail: %w", err)
	}
	return sub, nil
}

func newSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// subscriptionOf reads the subscription a token for purpose p names.
func (d *Desk) subscriptionOf(ctx context.Context, p Purpose, token string) (store.Subscription, error) {
	v, err := d.Links.Tokens.Verify(p, token)
	if err != nil {
		return store.Subscription{}, err
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return store.Subscription{}, ErrBadToken
	}
	return d.Store.Subscription(ctx, id)
}

// Confirm activates the subscription a confirmation link names. Following
// the link again changes nothing; a subscription ended since stays ended.
func (d *Desk) Confirm(ctx context.Context, token string) (store.Subscription, error) {
	sub, err := d.subscriptionOf(ctx, PurposeConfirm, token)
	if err != nil {
		return sub, fmt.Errorf("confirm subscription: %w", err)
	}
	if sub.Status != store.SubPending {
		return sub, nil
	}
	if err := d.Store.SetSubscriptionStatus(ctx, sub.ID, store.SubActive, d.now()); err != nil {
		return sub, fmt.Errorf("confirm subscription %d: %w", sub.ID, err)
	}
	sub, err = d.Store.Subscription(ctx, sub.ID)
	if err != nil {
		return sub, fmt.Errorf("confirm subscription: %w", err)
	}
	if d.Queue != nil {
		if _, err := d.Queue.Backfill(ctx, sub); err != nil {
			return sub, err
		}
	}
	return sub, nil
}

// Unsubscribe ends the subscription an unsubscribe link names (RFC 8058
// one-click or the page's button). Ending an ended one is not an error.
func (d *Desk) Unsubscribe(ctx context.Context, token string) (store.Subscription, error) {
	sub, err := d.subscriptionOf(ctx, PurposeUnsubscribe, token)
	if err != nil {
		return sub, fmt.Errorf("unsubscribe: %w", err)
	}
	return d.setStatus(ctx, sub, store.SubUnsubscribed)
}

func (d *Desk) setStatus(ctx context.Context, sub store.Subscription, status store.SubStatus) (store.Subscription, error) {
	if sub.Status == status {
		return sub, nil
	}
	now := d.now()
	if err := d.Store.SetSubscriptionStatus(ctx, sub.ID, status, now); err != nil {
		return sub, fmt.Errorf("subscription %d to %s: %w", sub.ID, status, err)
	}
	sub.Status, sub.Updated = status, now
	return sub, nil
}

// Owner returns the address a manage link proves.
func (d *Desk) Owner(token string) (string, error) {
	return d.Links.Tokens.Verify(PurposeManage, token)
}

// Mine lists an address's subscriptions.
func (d *Desk) Mine(ctx context.Context, email string) ([]store.Subscription, error) {
	return d.Store.SubscriptionsByEmail(ctx, email)
}

// Own returns subscription id if it belongs to email.
func (d *Desk) Own(ctx context.Context, email string, id int64) (store.Subscription, error) {
	sub, err := d.Store.Subscription(ctx, id)
	if err != nil {
		return sub, err
	}
	if !strings.EqualFold(sub.Email, email) {
		return store.Subscription{}, ErrNotYours
	}
	return sub, nil
}

// SetPaused pauses or resumes one of email's confirmed subscriptions.
// While paused nothing is matched for it; what was queued waits.
func (d *Desk) SetPaused(ctx context.Context, email string, id int64, paused bool) (store.Subscription, error) {
	sub, err := d.Own(ctx, email, id)
	if err != nil {
		return sub, err
	}
	if sub.Status != store.SubActive && sub.Status != store.SubPaused {
		return sub, fmt.Errorf("subscription %d is %s: only confirmed subscriptions can be paused or resumed", id, sub.Status)
	}
	status := store.SubActive
	if paused {
		status = store.SubPaused
	}
	return d.setStatus(ctx, sub, status)
}

// End unsubscribes one of email's subscriptions from its manage page.
func (d *Desk) End(ctx context.Context, email string, id int64) (store.Subscription, error) {
	sub, err := d.Own(ctx, email, id)
	if err != nil {
		return sub, err
	}
	return d.setStatus(ctx, sub, store.SubUnsubscribed)
}

// Update changes one of email's subscriptions: its conditions and
// settings. The address stays (a new address needs a new subscription,
// confirmed there); moving to a webhook makes a new secret.
func (d *Desk) Update(ctx context.Context, email string, id int64, r Request) (store.Subscription, error) {
	sub, err := d.Own(ctx, email, id)
	if err != nil {
		return sub, err
	}
	r.Email = sub.Email
	if err := d.check(&r); err != nil {
		return sub, err
	}
	if r.Channel == store.ChannelWebhook && sub.WebhookSecret == "" {
		sub.WebhookSecret = newSecret()
	}
	conds := r.Conditions
	conds.ID = sub.ID
	sub.Subscription = conds
	sub.Lang, sub.Label, sub.Frequency, sub.RemindDays = r.Lang, r.Label, r.Frequency, r.RemindDays
	sub.Channel, sub.WebhookURL = r.Channel, r.WebhookURL
	sub.Updated = d.now()
	if err := d.Store.UpdateSubscription(ctx, sub); err != nil {
		return sub, fmt.Errorf("update subscription %d: %w", id, err)
	}
	return sub, nil
}

// SendManageLink e-mails the manage link to an address that has
// subscriptions. It says nothing either way, so the form cannot be used to
// learn who subscribes.
func (d *Desk) SendManageLink(ctx context.Context, email, lang string) error {
	email, err := CheckEmail(email)
	if err != nil {
		return &InputError{Problems: []Problem{{"email", err}}}
	}
	mine, err := d.Store.SubscriptionsByEmail(ctx, email)
	if err != nil || len(mine) == 0 {
		return err
	}
	if lang != "en" {
		lang = "zh"
	}
	if err := d.Mail.Deliver(ctx, ComposeManage(email, lang, d.Links)); err != nil {
		return fmt.Errorf("send the manage link: %w", err)
	}
	return nil
}

// Feedback records (or withdraws) "not relevant" on the alert a feedback
// link names.
func (d *Desk) Feedback(ctx context.Context, token string, notRelevant bool) (store.Delivery, error) {
	v, err := d.Links.Tokens.Verify(PurposeFeedback, token)
	if err != nil {
		return store.Delivery{}, fmt.Errorf("feedback: %w", err)
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return store.Delivery{}, fmt.Errorf("feedback: %w", ErrBadToken)
	}
	return d.feedback(ctx, id, notRelevant)
}

// FeedbackOwn records feedback from a manage page, on one of email's
// alerts.
func (d *Desk) FeedbackOwn(ctx context.Context, email string, deliveryID int64, notRelevant bool) (store.Delivery, error) {
	e, err := d.Store.Delivery(ctx, deliveryID)
	if err != nil {
		return e, err
	}
	if _, err := d.Own(ctx, email, e.SubscriptionID); err != nil {
		return e, err
	}
	return d.feedback(ctx, deliveryID, notRelevant)
}

func (d *Desk) feedback(ctx context.Context, id int64, notRelevant bool) (store.Delivery, error) {
	if err := d.Store.SetFeedback(ctx, id, notRelevant, d.now()); err != nil {
		return store.Delivery{}, fmt.Errorf("feedback on alert %d: %w", id, err)
	}
	return d.Store.Delivery(ctx, id)
}
