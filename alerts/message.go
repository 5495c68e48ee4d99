package alerts

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// Message is what one send tells one subscription: the outbox entries due
// for it, each with its notification. A digest is a message of many items;
// alerts and reminders due together travel together.
type Message struct {
	Subscription store.Subscription
	Items        []Item
	// ID identifies the message for the receiver: the e-mail's Message-ID
	// (without angle brackets) or the webhook's delivery id. It is derived
	// from the entries, so a message resent after a crash carries the same
	// ID and the receiver can tell it is the one it already has.
	ID string
	// Now is when the message is composed: "days left" counts from it.
	Now   time.Time
	Links Links
}

// Item is one entry of a message.
type Item struct {
	Delivery     store.Delivery
	Notification *kb.Notification
}

// Sender delivers messages of one channel. An error means the message was
// not delivered and is to be retried; Permanent marks one not worth
// retrying.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Permanent wraps an error a retry cannot cure (a refused webhook address,
// a recipient the server rejects for good): the entries go straight to the
// dead letters.
type Permanent struct{ Err error }

func (e *Permanent) Error() string { return e.Err.Error() }
func (e *Permanent) Unwrap() error { return e.Err }

// Links makes the absolute URLs messages carry, signed where they act
// without signing in.
type Links struct {
	Base   string // the site's public URL, such as https://stdbridge.example.cn
	Tokens *Tokens
}

func (l Links) abs(path string, query ...string) string {
	u := strings.TrimRight(l.Base, "/") + path
	if len(query) == 2 {
		u += "?" + url.Values{query[0]: {query[1]}}.Encode()
	}
	return u
}

// Notification is a notification's page.
func (l Links) Notification(key string) string { return l.abs(templates.NotificationURL(key)) }

// Confirm is the double opt-in link of a subscription.
func (l Links) Confirm(subID int64) string {
	return l.abs("/alerts/confirm", "t", l.Tokens.Sign(PurposeConfirm, strconv.FormatInt(subID, 10)))
}

// Unsubscribe ends one subscription; it answers RFC 8058 one-click POSTs.
func (l Links) Unsubscribe(subID int64) string {
	return l.abs("/alerts/unsubscribe", "t", l.Tokens.Sign(PurposeUnsubscribe, strconv.FormatInt(subID, 10)))
}

// Manage lists and manages every subscription of an address.
func (l Links) Manage(email string) string {
	return l.abs("/alerts/manage", "t", l.Tokens.Sign(PurposeManage, strings.ToLower(email)))
}

// NotRelevant records the subscriber's "not relevant" on one alert.
func (l Links) NotRelevant(deliveryID int64) string {
	return l.abs("/alerts/feedback", "t", l.Tokens.Sign(PurposeFeedback, strconv.FormatInt(deliveryID, 10)))
}

// Feed is a subscription's Atom feed.
func (l Links) Feed(feedToken string) string {
	return l.abs("/alerts/feed/" + url.PathEscape(feedToken))
}
