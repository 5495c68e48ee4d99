package alerts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/stdbridge/stdbridge/store"
)

// Deliverer sends what the outbox holds when it is due. Each message's
// entries are claimed first (a lease, so two senders never send the same
// entries and a sender that dies mid-way gives them back when the lease
// ends), sent, then marked sent. A failure is retried with capped
// exponential backoff; after MaxAttempts, or at once for a permanent
// failure, the entries become dead letters that admins see and may retry.
//
// The one window left is between the receiver accepting a message and the
// store marking it sent: a crash there sends the message again on restart.
// It carries the same ID (Message-ID, X-Stdbridge-Delivery), derived from
// its entries, so receivers can tell.
type Deliverer struct {
	Store   Store
	Senders map[store.Channel]Sender
	Links   Links
	Now     func() time.Time // nil: time.Now
	Log     *slog.Logger     // nil: discard
	// Lease is how long a claim lasts; it must outlast one send.
	Lease time.Duration
	// MaxAttempts is how many failed attempts make entries dead.
	MaxAttempts int
	// Backoff is the wait after the nth failure (n ≥ 1); nil: DefaultBackoff.
	Backoff func(n int) time.Duration
	// Batch is how many subscriptions one claim takes.
	Batch int
}

// DefaultBackoff waits 1 minute after the first failure, doubling up to 6
// hours, with ±20% jitter so that a recovering server is not hit by every
// retry at once. Ten attempts span about a day and a half.
func DefaultBackoff(n int) time.Duration {
	d := time.Minute << min(n-1, 9)
	d = min(d, 6*time.Hour)
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// DeliverResult counts what one Run did.
type DeliverResult struct {
	Messages int // messages sent
	Entries  int // outbox entries they carried
	Failed   int // messages that failed and will be retried
	Dead     int // entries given up
}

func (d *Deliverer) now() time.Time {
	if d.Now == nil {
		return time.Now()
	}
	return d.Now()
}

func (d *Deliverer) log() *slog.Logger {
	if d.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.Log
}

// Run sends everything due now and returns when nothing due is left
// unclaimed, or ctx ends.
func (d *Deliverer) Run(ctx context.Context) (DeliverResult, error) {
	var res DeliverResult
	lease, batch := orDefault(d.Lease, 5*time.Minute), orDefault(d.Batch, 50)
	for ctx.Err() == nil {
		claimed, err := d.Store.Claim(ctx, d.now(), lease, batch)
		if err != nil {
			return res, fmt.Errorf("deliver alerts: %w", err)
		}
		if len(claimed) == 0 {
			return res, nil
		}
		for len(claimed) > 0 {
			n := 1
			for n < len(claimed) && claimed[n].SubscriptionID == claimed[0].SubscriptionID {
				n++
			}
			if err := d.deliver(ctx, claimed[:n], &res); err != nil {
				return res, err
			}
			claimed = claimed[n:]
		}
	}
	return res, ctx.Err()
}

func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// deliver sends one subscription's claimed entries as one message. Only a
// store error is returned: a failed send is recorded on the entries.
func (d *Deliverer) deliver(ctx context.Context, ds []store.Delivery, res *DeliverResult) error {
	sub, err := d.Store.Subscription(ctx, ds[0].SubscriptionID)
	if err != nil {
		return fmt.Errorf("deliver alerts: %w", err)
	}
	m := Message{Subscription: sub, Now: d.now(), Links: d.Links}
	var missing []int64
	for _, e := range ds {
		n, err := d.Store.Notification(ctx, e.Notification)
		if errors.Is(err, store.ErrNotFound) {
			missing = append(missing, e.ID)
			continue
		}
		if err != nil {
			return fmt.Errorf("deliver alerts: %w", err)
		}
		m.Items = append(m.Items, Item{Delivery: e, Notification: n})
	}
	if len(missing) > 0 {
		// Cannot happen while notifications are never deleted; if it does,
		// an admin should see it rather than the entry waiting forever.
		if err := d.Store.MarkFailed(ctx, missing, "the notification is no longer in the knowledge base", time.Time{}, true); err != nil {
			return fmt.Errorf("deliver alerts: %w", err)
		}
		res.Dead += len(missing)
	}
	if len(m.Items) == 0 {
		return nil
	}
	ids := make([]int64, len(m.Items))
	for i, it := range m.Items {
		ids[i] = it.Delivery.ID
	}
	m.ID = deliveryMessageID(sub.ID, ids)
	sender := d.Senders[sub.Channel]
	if sender == nil {
		err = &Permanent{Err: fmt.Errorf("no %s sender configured", sub.Channel)}
	} else {
		err = sender.Send(ctx, m)
	}
	if err == nil {
		if err := d.Store.MarkSent(context.WithoutCancel(ctx), ids, m.ID, d.now()); err != nil {
			return fmt.Errorf("deliver alerts: mark %d entries sent: %w", len(ids), err)
		}
		res.Messages++
		res.Entries += len(ids)
		return nil
	}
	attempts := 0
	for _, it := range m.Items {
		attempts = max(attempts, it.Delivery.Attempts+1)
	}
	var perm *Permanent
	dead := errors.As(err, &perm) || attempts >= orDefault(d.MaxAttempts, 10)
	backoff := d.Backoff
	if backoff == nil {
		backoff = DefaultBackoff
	}
	next := d.now().Add(backoff(attempts))
	d.log().WarnContext(ctx, "alert delivery failed", "subscription", sub.ID, "channel", sub.Channel, "entries", len(ids), "attempt", attempts, "dead", dead, "err", err)
	if err := d.Store.MarkFailed(context.WithoutCancel(ctx), ids, err.Error(), next, dead); err != nil {
		return fmt.Errorf("deliver alerts: %w", err)
	}
	if dead {
		res.Dead += len(ids)
	} else {
		res.Failed++
	}
	return nil
}

// deliveryMessageID names a message by its subscription and entries, so the same
// entries sent again carry the same ID.
func deliveryMessageID(sub int64, ids []int64) string {
	h := sha256.New()
	for _, id := range ids {
		h.Write(strconv.AppendInt(nil, id, 10))
		h.Write([]byte{','})
	}
	return "alert-" + strconv.FormatInt(sub, 10) + "-" + hex.EncodeToString(h.Sum(nil)[:8])
}
