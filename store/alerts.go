package store

import (
	"context"
	"time"

	"github.com/stdbridge/stdbridge/kb"
)

// Frequency is how often a subscription's alerts are sent.
type Frequency string

const (
	Immediately Frequency = "immediate" // as soon as a notification matches
	Daily       Frequency = "daily"     // one digest a day
	Weekly      Frequency = "weekly"    // one digest a week
)

// Channel is how a subscription's alerts reach the subscriber. Every
// subscription also has an Atom feed, whatever its channel.
type Channel string

const (
	ChannelEmail   Channel = "email"
	ChannelWebhook Channel = "webhook"
)

// SubStatus is where a subscription is in its life.
type SubStatus string

const (
	SubPending      SubStatus = "pending"      // the e-mail address is not yet confirmed
	SubActive       SubStatus = "active"       // confirmed: matched and delivered
	SubPaused       SubStatus = "paused"       // kept, but neither matched nor delivered
	SubUnsubscribed SubStatus = "unsubscribed" // ended by the subscriber; kept for the record
)

// Subscription is a subscriber's stored alert: what it asks for (the
// embedded kb.Subscription, whose ID is the store's) and how and to whom
// it is delivered.
type Subscription struct {
	kb.Subscription
	Email     string // the subscriber's address, confirmed by double opt-in
	Lang      string // "zh" or "en": the language of its e-mails
	Label     string // the subscriber's name for it ("EU toys")
	Frequency Frequency
	// RemindDays asks for a reminder that many days before the comment
	// deadline of each matched notification; 0 asks for none.
	RemindDays    int
	Channel       Channel
	WebhookURL    string // for ChannelWebhook
	WebhookSecret string // keys the webhook's HMAC-SHA256 signature
	// FeedToken is the unguessable part of the subscription's feed URL.
	FeedToken string
	Status    SubStatus
	Created   time.Time
	Updated   time.Time // last change of conditions, settings or status
	Confirmed time.Time // zero until confirmed
}

// AlertKind is what an outbox entry tells the subscriber.
type AlertKind string

const (
	KindAlert    AlertKind = "alert"    // a notification matched
	KindReminder AlertKind = "reminder" // its comment deadline is near
)

// DeliveryState is where an outbox entry is.
type DeliveryState string

const (
	DeliveryPending DeliveryState = "pending" // to be sent at Due (or NextAttempt, after a failure)
	DeliverySent    DeliveryState = "sent"
	DeliveryDead    DeliveryState = "dead" // gave up after too many failures; admins may retry it
)

// Delivery is one outbox entry: one notification to tell one subscription
// about, once. The store keys entries by (SubscriptionID, Notification,
// Kind), so queuing the same one twice queues it once.
type Delivery struct {
	ID             int64
	SubscriptionID int64
	Notification   string // the notification's key
	Kind           AlertKind
	Created        time.Time
	Due            time.Time // not sent before: now, the next digest, or the reminder day
	State          DeliveryState
	Attempts       int       // failed attempts so far
	NextAttempt    time.Time // after a failure, not retried before this
	LastError      string
	Sent           time.Time // when it was sent (zero until then)
	MessageID      string    // the e-mail Message-ID or webhook delivery id it went out in
	// NotRelevant is the subscriber's feedback that the alert did not
	// concern them, kept for tuning the matching.
	NotRelevant bool
	FeedbackAt  time.Time
}

// DeliveryFilter selects outbox entries; zero values select all.
type DeliveryFilter struct {
	SubscriptionID int64
	State          DeliveryState
	Limit          int // 0 means no limit
}

// Alerts keeps subscriptions and the delivery outbox.
type Alerts interface {
	// AddSubscription stores a new subscription and returns its id. Its
	// conditions must be normalised and valid; Created and Updated zero
	// are set to the store's clock.
	AddSubscription(ctx context.Context, s Subscription) (int64, error)
	// UpdateSubscription replaces a subscription's conditions and
	// settings (not its status, e-mail address, feed token or dates other
	// than Updated); ErrNotFound when there is none.
	UpdateSubscription(ctx context.Context, s Subscription) error
	// SetSubscriptionStatus moves a subscription to status at the given
	// time (setting Confirmed when it first becomes active).
	SetSubscriptionStatus(ctx context.Context, id int64, status SubStatus, at time.Time) error
	// Subscription, SubscriptionByFeedToken: ErrNotFound when missing.
	Subscription(ctx context.Context, id int64) (Subscription, error)
	SubscriptionByFeedToken(ctx context.Context, token string) (Subscription, error)
	// SubscriptionsByEmail lists an address's subscriptions (ASCII case
	// ignored), by id.
	SubscriptionsByEmail(ctx context.Context, email string) ([]Subscription, error)
	// Subscriptions lists the subscriptions in the given statuses (all
	// when none is given), by id.
	Subscriptions(ctx context.Context, statuses ...SubStatus) ([]Subscription, error)
	// SubscriptionsStamp changes whenever any subscription is added or
	// changed, so that a matcher built from them knows when to rebuild.
	SubscriptionsStamp(ctx context.Context) (string, error)

	// Enqueue queues deliveries in one transaction and says how many
	// were new. One already queued under the same key is left alone,
	// except that a pending one takes the new Due (a reminder follows a
	// moved deadline). Each needs a subscription, a notification, a known
	// kind and a Due; State, attempts and dates other than Created (zero:
	// the store's clock) and Due are the store's. Any bad entry fails the
	// whole batch.
	Enqueue(ctx context.Context, ds []Delivery) (int, error)
	// Claim takes, for delivery, the pending entries of active
	// subscriptions that are due at now (Due and NextAttempt not after it)
	// and not claimed by someone else, for at most limit subscriptions,
	// all of each one's due entries, ordered by subscription then id. The
	// claim lasts until now+lease; entries whose claim expired (a sender
	// that died) can be claimed again.
	Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error)
	// MarkSent records that entries went out in message at the given time
	// and releases their claim. An entry already sent keeps its first
	// message; an unknown id fails the call (ErrNotFound) and writes nothing.
	MarkSent(ctx context.Context, ids []int64, messageID string, at time.Time) error
	// MarkFailed records a failed attempt: Attempts+1, LastError, and
	// either a retry at next or, when dead, the dead-letter state. Only
	// pending entries change: a sender whose lease ran out cannot put a
	// sent entry back in the queue.
	MarkFailed(ctx context.Context, ids []int64, reason string, next time.Time, dead bool) error
	// Retry puts a dead entry back in the queue, due at now.
	Retry(ctx context.Context, id int64, now time.Time) error
	// Deliveries lists outbox entries, newest first.
	Deliveries(ctx context.Context, f DeliveryFilter) ([]Delivery, error)
	// Delivery returns one entry; ErrNotFound when missing.
	Delivery(ctx context.Context, id int64) (Delivery, error)
	// SetFeedback records (or withdraws) a subscriber's "not relevant".
	SetFeedback(ctx context.Context, id int64, notRelevant bool, at time.Time) error
	// OutboxCounts counts entries by state.
	OutboxCounts(ctx context.Context) (map[DeliveryState]int, error)
}
