package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

const subscriptionColumns = "id, email, lang, label, frequency, remind_days, channel, webhook_url, webhook_secret, " +
	"feed_token, status, criteria, created, updated, confirmed"

const deliveryColumns = "id, subscription_id, notification, kind, created, due, state, attempts, next_attempt, " +
	"last_error, sent, message_id, not_relevant, feedback_at"

// criteria is how a subscription's conditions are kept: kb.Subscription
// without its id (the row's), under names of our own so that renaming a Go
// field does not orphan stored data.
type criteria struct {
	Members    []string              `json:"members,omitempty"`
	Areas      []kb.Area             `json:"areas,omitempty"`
	Types      []kb.NotificationType `json:"types,omitempty"`
	HS         []string              `json:"hs,omitempty"`
	ICS        []string              `json:"ics,omitempty"`
	Objectives []string              `json:"objectives,omitempty"`
	Keywords   []string              `json:"keywords,omitempty"`
	Exclude    []string              `json:"exclude,omitempty"`
	Follow     []string              `json:"follow,omitempty"`
}

func encodeCriteria(k kb.Subscription) (string, error) {
	b, err := json.Marshal(criteria{k.Members, k.Areas, k.Types, k.HS, k.ICS, k.Objectives, k.Keywords, k.Exclude, k.Follow})
	if err != nil {
		return "", fmt.Errorf("encode conditions: %w", err)
	}
	return string(b), nil
}

func decodeCriteria(id int64, data string) (kb.Subscription, error) {
	var c criteria
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		return kb.Subscription{}, fmt.Errorf("decode stored conditions: %w", err)
	}
	return kb.Subscription{ID: id, Members: c.Members, Areas: c.Areas, Types: c.Types, HS: c.HS, ICS: c.ICS,
		Objectives: c.Objectives, Keywords: c.Keywords, Exclude: c.Exclude, Follow: c.Follow}, nil
}

// checkSettings checks what UpdateSubscription writes: the settings and the
// conditions, which must be valid and already canonical, so that what is
// stored is what the matcher would have made of it.
func checkSettings(sub store.Subscription) error {
	switch sub.Frequency {
	case store.Immediately, store.Daily, store.Weekly:
	default:
		return fmt.Errorf("unknown frequency %q (want immediate, daily or weekly)", sub.Frequency)
	}
	if sub.RemindDays < 0 || sub.RemindDays > 90 {
		return fmt.Errorf("reminder %d days before the deadline (want 0 to 90)", sub.RemindDays)
	}
	switch sub.Channel {
	case store.ChannelEmail:
	case store.ChannelWebhook:
		if sub.WebhookURL == "" {
			return errors.New("webhook channel without a webhook URL")
		}
	default:
		return fmt.Errorf("unknown channel %q (want email or webhook)", sub.Channel)
	}
	n := sub.Subscription
	if err := n.Normalize(); err != nil {
		return fmt.Errorf("conditions: %w", err)
	}
	k := sub.Subscription
	canonical := slices.Equal(n.Members, k.Members) && slices.Equal(n.Areas, k.Areas) && slices.Equal(n.Types, k.Types) &&
		slices.Equal(n.HS, k.HS) && slices.Equal(n.ICS, k.ICS) && slices.Equal(n.Objectives, k.Objectives) &&
		slices.Equal(n.Keywords, k.Keywords) && slices.Equal(n.Exclude, k.Exclude) && slices.Equal(n.Follow, k.Follow)
	if !canonical {
		return errors.New("conditions not in canonical form (normalise them with kb.Subscription.Normalize first)")
	}
	return nil
}

func checkStatus(st store.SubStatus) error {
	switch st {
	case store.SubPending, store.SubActive, store.SubPaused, store.SubUnsubscribed:
		return nil
	}
	return fmt.Errorf("unknown subscription status %q (want pending, active, paused or unsubscribed)", st)
}

// AddSubscription stores a new subscription; its ID is ignored, the store
// assigns one.
func (s *Store) AddSubscription(ctx context.Context, sub store.Subscription) (int64, error) {
	if strings.TrimSpace(sub.Email) == "" {
		return 0, errors.New("add subscription: empty e-mail address")
	}
	if sub.FeedToken == "" {
		return 0, errors.New("add subscription: empty feed token")
	}
	if err := checkStatus(sub.Status); err != nil {
		return 0, fmt.Errorf("add subscription: %w", err)
	}
	if err := checkSettings(sub); err != nil {
		return 0, fmt.Errorf("add subscription: %w", err)
	}
	crit, err := encodeCriteria(sub.Subscription)
	if err != nil {
		return 0, fmt.Errorf("add subscription: %w", err)
	}
	now := s.now()
	if sub.Created.IsZero() {
		sub.Created = now
	}
	if sub.Updated.IsZero() {
		sub.Updated = now
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("add subscription: %w", err)
	}
	defer tx.Rollback()
	// The token is a secret: kept out of the error.
	var one int
	err = tx.QueryRowContext(ctx, "SELECT 1 FROM subscriptions WHERE feed_token = ?", sub.FeedToken).Scan(&one)
	if err == nil {
		return 0, fmt.Errorf("add subscription: feed token in use: %w", store.ErrExists)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("add subscription: %w", err)
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO subscriptions ("+strings.TrimPrefix(subscriptionColumns, "id, ")+
		") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		sub.Email, sub.Lang, sub.Label, string(sub.Frequency), sub.RemindDays, string(sub.Channel), sub.WebhookURL,
		sub.WebhookSecret, sub.FeedToken, string(sub.Status), crit, formatTime(sub.Created), formatTime(sub.Updated),
		optTime(sub.Confirmed))
	if err != nil {
		return 0, fmt.Errorf("add subscription: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("add subscription: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("add subscription: %w", err)
	}
	return id, nil
}

// UpdateSubscription replaces a subscription's conditions and settings. A
// zero Updated is set to the store's clock.
func (s *Store) UpdateSubscription(ctx context.Context, sub store.Subscription) error {
	if err := checkSettings(sub); err != nil {
		return fmt.Errorf("update subscription %d: %w", sub.ID, err)
	}
	crit, err := encodeCriteria(sub.Subscription)
	if err != nil {
		return fmt.Errorf("update subscription %d: %w", sub.ID, err)
	}
	if sub.Updated.IsZero() {
		sub.Updated = s.now()
	}
	res, err := s.write.ExecContext(ctx, `UPDATE subscriptions SET lang = ?, label = ?, frequency = ?, remind_days = ?,
		channel = ?, webhook_url = ?, webhook_secret = ?, criteria = ?, updated = ? WHERE id = ?`,
		sub.Lang, sub.Label, string(sub.Frequency), sub.RemindDays, string(sub.Channel), sub.WebhookURL, sub.WebhookSecret,
		crit, formatTime(sub.Updated), sub.ID)
	if err == nil {
		err = oneRow(res)
	}
	if err != nil {
		return fmt.Errorf("update subscription %d: %w", sub.ID, err)
	}
	return nil
}

// SetSubscriptionStatus moves a subscription to status; Confirmed is set
// the first time it becomes active and kept after that, so pausing and
// resuming does not rewrite when the address was confirmed.
func (s *Store) SetSubscriptionStatus(ctx context.Context, id int64, status store.SubStatus, at time.Time) error {
	if err := checkStatus(status); err != nil {
		return fmt.Errorf("set status of subscription %d: %w", id, err)
	}
	if at.IsZero() {
		at = s.now()
	}
	t := formatTime(at)
	res, err := s.write.ExecContext(ctx, `UPDATE subscriptions SET status = ?, updated = ?,
		confirmed = CASE WHEN ? = 'active' AND confirmed = '' THEN ? ELSE confirmed END WHERE id = ?`,
		string(status), t, string(status), t, id)
	if err == nil {
		err = oneRow(res)
	}
	if err != nil {
		return fmt.Errorf("set status of subscription %d: %w", id, err)
	}
	return nil
}

// Subscription returns one subscription.
func (s *Store) Subscription(ctx context.Context, id int64) (store.Subscription, error) {
	sub, err := scanSubscription(s.read.QueryRowContext(ctx, "SELECT "+subscriptionColumns+" FROM subscriptions WHERE id = ?", id))
	if err != nil {
		return store.Subscription{}, fmt.Errorf("subscription %d: %w", id, notFound(err))
	}
	return sub, nil
}

// SubscriptionByFeedToken finds the subscription a feed URL names.
func (s *Store) SubscriptionByFeedToken(ctx context.Context, token string) (store.Subscription, error) {
	sub, err := scanSubscription(s.read.QueryRowContext(ctx, "SELECT "+subscriptionColumns+" FROM subscriptions WHERE feed_token = ?", token))
	if err != nil {
		// The token is a secret: kept out of the error.
		return store.Subscription{}, fmt.Errorf("subscription by feed token: %w", notFound(err))
	}
	return sub, nil
}

// SubscriptionsByEmail lists an address's subscriptions; the column's
// NOCASE collation ignores ASCII case.
func (s *Store) SubscriptionsByEmail(ctx context.Context, email string) ([]store.Subscription, error) {
	out, err := s.listSubscriptions(ctx, "WHERE email = ? ORDER BY id", email)
	if err != nil {
		return nil, fmt.Errorf("subscriptions of an address: %w", err)
	}
	return out, nil
}

// Subscriptions lists the subscriptions in the given statuses, or all.
func (s *Store) Subscriptions(ctx context.Context, statuses ...store.SubStatus) ([]store.Subscription, error) {
	tail := "ORDER BY id"
	var args []any
	if len(statuses) > 0 {
		for _, st := range statuses {
			if err := checkStatus(st); err != nil {
				return nil, fmt.Errorf("list subscriptions: %w", err)
			}
			args = append(args, string(st))
		}
		tail = "WHERE status IN (" + marks(len(args)) + ") " + tail
	}
	out, err := s.listSubscriptions(ctx, tail, args...)
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	return out, nil
}

func (s *Store) listSubscriptions(ctx context.Context, tail string, args ...any) ([]store.Subscription, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+subscriptionColumns+" FROM subscriptions "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Subscription
	for rows.Next() {
		sub, err := scanSubscription(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

// SubscriptionsStamp is the counter the subscriptions table's triggers bump
// on every insert, update and delete.
func (s *Store) SubscriptionsStamp(ctx context.Context) (string, error) {
	var rev int64
	if err := s.read.QueryRowContext(ctx, "SELECT rev FROM subscriptions_rev").Scan(&rev); err != nil {
		return "", fmt.Errorf("subscriptions stamp: %w", err)
	}
	return strconv.FormatInt(rev, 10), nil
}

func scanSubscription(row interface{ Scan(...any) error }) (store.Subscription, error) {
	var sub store.Subscription
	var id int64
	var freq, channel, status, crit, created, updated, confirmed string
	if err := row.Scan(&id, &sub.Email, &sub.Lang, &sub.Label, &freq, &sub.RemindDays, &channel, &sub.WebhookURL,
		&sub.WebhookSecret, &sub.FeedToken, &status, &crit, &created, &updated, &confirmed); err != nil {
		return store.Subscription{}, err
	}
	sub.Frequency, sub.Channel, sub.Status = store.Frequency(freq), store.Channel(channel), store.SubStatus(status)
	var err error
	if sub.Subscription, err = decodeCriteria(id, crit); err != nil {
		return store.Subscription{}, err
	}
	if sub.Created, err = parseTime(created); err != nil {
		return store.Subscription{}, err
	}
	if sub.Updated, err = parseTime(updated); err != nil {
		return store.Subscription{}, err
	}
	if sub.Confirmed, err = parseOptTime(confirmed); err != nil {
		return store.Subscription{}, err
	}
	return sub, nil
}

// Enqueue queues deliveries in one transaction. The upsert returns the id
// of every row it inserted or moved; the inserted ones are those above the
// highest id before the batch (writes are serialised, and SQLite gives a
// new row the highest id plus one).
func (s *Store) Enqueue(ctx context.Context, ds []store.Delivery) (int, error) {
	for i, d := range ds {
		if err := checkNewDelivery(d); err != nil {
			return 0, fmt.Errorf("enqueue: entry %d: %w", i+1, err)
		}
	}
	if len(ds) == 0 {
		return 0, nil
	}
	now := s.now()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	defer tx.Rollback()
	var before int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM deliveries").Scan(&before); err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO deliveries (subscription_id, notification, kind, created, due) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (subscription_id, notification, kind) DO UPDATE SET due = excluded.due WHERE state = 'pending'
		RETURNING id`)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	defer st.Close()
	added := map[int64]bool{} // a batch may hold one key twice
	for i, d := range ds {
		created := d.Created
		if created.IsZero() {
			created = now
		}
		var id int64
		err := st.QueryRowContext(ctx, d.SubscriptionID, d.Notification, string(d.Kind), formatTime(created), formatTime(d.Due)).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows): // queued before, and no longer pending
		case err != nil:
			return 0, fmt.Errorf("enqueue: entry %d (subscription %d, %s %s): %w", i+1, d.SubscriptionID, d.Kind, d.Notification, err)
		case id > before:
			added[id] = true
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	return len(added), nil
}

func checkNewDelivery(d store.Delivery) error {
	if d.Notification == "" {
		return errors.New("no notification")
	}
	if d.Kind != store.KindAlert && d.Kind != store.KindReminder {
		return fmt.Errorf("unknown kind %q (want alert or reminder)", d.Kind)
	}
	if d.Due.IsZero() {
		return errors.New("no due time")
	}
	return nil
}

// claimable is the condition on an entry Claim may take at the time given
// by its three parameters.
const claimable = "state = 'pending' AND due <= ? AND (next_attempt = '' OR next_attempt <= ?) AND (claimed_until = '' OR claimed_until < ?)"

// Claim takes due entries for at most limit subscriptions, those waiting
// longest first. The write connection's transactions begin IMMEDIATE, so
// the choice and the claim are one step for every process on the file.
func (s *Store) Claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]store.Delivery, error) {
	if limit < 1 || lease <= 0 {
		return nil, fmt.Errorf("claim deliveries: limit %d and lease %v, want both positive", limit, lease)
	}
	at, until := formatTime(now), formatTime(now.Add(lease))
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	defer tx.Rollback()
	subs, err := int64s(tx.QueryContext(ctx, "SELECT subscription_id FROM deliveries WHERE "+claimable+
		" AND subscription_id IN (SELECT id FROM subscriptions WHERE status = 'active')"+
		" GROUP BY subscription_id ORDER BY MIN(due), subscription_id LIMIT ?", at, at, at, limit))
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	if len(subs) == 0 {
		return nil, nil
	}
	args := []any{until}
	for _, id := range subs {
		args = append(args, id)
	}
	args = append(args, at, at, at)
	rows, err := tx.QueryContext(ctx, "UPDATE deliveries SET claimed_until = ? WHERE subscription_id IN ("+marks(len(subs))+
		") AND "+claimable+" RETURNING "+deliveryColumns, args...)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	out, err := scanDeliveries(rows)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	// RETURNING promises no order.
	slices.SortFunc(out, func(a, b store.Delivery) int {
		return cmp.Or(cmp.Compare(a.SubscriptionID, b.SubscriptionID), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// MarkSent records that entries went out. One already sent keeps its first
// record: that is the message the subscriber has.
func (s *Store) MarkSent(ctx context.Context, ids []int64, messageID string, at time.Time) error {
	if at.IsZero() {
		return errors.New("mark deliveries sent: zero time")
	}
	err := s.updateDeliveries(ctx, ids,
		"UPDATE deliveries SET state = 'sent', sent = ?, message_id = ?, claimed_until = '' WHERE state <> 'sent' AND id = ?",
		formatTime(at), messageID)
	if err != nil {
		return fmt.Errorf("mark deliveries sent in %s: %w", messageID, err)
	}
	return nil
}

// MarkFailed records a failed attempt on pending entries. Others are left
// alone: a sender whose lease ran out may report a failure after another
// sender delivered the entry, which must not be queued again.
func (s *Store) MarkFailed(ctx context.Context, ids []int64, reason string, next time.Time, dead bool) error {
	err := s.updateDeliveries(ctx, ids, `UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt = ?,
		state = CASE WHEN ? THEN 'dead' ELSE 'pending' END, claimed_until = '' WHERE state = 'pending' AND id = ?`,
		reason, optTime(next), dead)
	if err != nil {
		return fmt.Errorf("mark deliveries failed: %w", err)
	}
	return nil
}

// updateDeliveries runs query, whose last parameter is an id, for each of
// ids in one transaction. An id with no entry fails the whole with
// ErrNotFound; one whose state the query skips is not an error.
func (s *Store) updateDeliveries(ctx context.Context, ids []int64, query string, args ...any) error {
	if len(ids) == 0 {
		return nil
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range ids {
		res, err := st.ExecContext(ctx, append(slices.Clip(args), id)...)
		if err != nil {
			return fmt.Errorf("delivery %d: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("delivery %d: %w", id, err)
		} else if n == 0 {
			var one int
			if err := tx.QueryRowContext(ctx, "SELECT 1 FROM deliveries WHERE id = ?", id).Scan(&one); err != nil {
				return fmt.Errorf("delivery %d: %w", id, notFound(err))
			}
		}
	}
	return tx.Commit()
}

// Retry puts a dead entry back in the queue, due at now, with a clean
// count of attempts; its last error stays for the record.
func (s *Store) Retry(ctx context.Context, id int64, now time.Time) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("retry delivery %d: %w", id, err)
	}
	defer tx.Rollback()
	at := formatTime(now)
	res, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt = ?, due = ?,
		claimed_until = '' WHERE id = ? AND state = 'dead'`, at, at, id)
	if err == nil {
		err = oneRow(res)
	}
	if errors.Is(err, store.ErrNotFound) {
		var state string
		if err := tx.QueryRowContext(ctx, "SELECT state FROM deliveries WHERE id = ?", id).Scan(&state); err != nil {
			return fmt.Errorf("retry delivery %d: no such entry: %w", id, notFound(err))
		}
		return fmt.Errorf("retry delivery %d: it is %s, not dead: %w", id, state, store.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("retry delivery %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("retry delivery %d: %w", id, err)
	}
	return nil
}

// SetFeedback records or withdraws "not relevant", with when it was said.
func (s *Store) SetFeedback(ctx context.Context, id int64, notRelevant bool, at time.Time) error {
	if at.IsZero() {
		at = s.now()
	}
	res, err := s.write.ExecContext(ctx, "UPDATE deliveries SET not_relevant = ?, feedback_at = ? WHERE id = ?",
		notRelevant, formatTime(at), id)
	if err == nil {
		err = oneRow(res)
	}
	if err != nil {
		return fmt.Errorf("set feedback on delivery %d: %w", id, err)
	}
	return nil
}

// Deliveries lists outbox entries, newest (highest id) first.
func (s *Store) Deliveries(ctx context.Context, f store.DeliveryFilter) ([]store.Delivery, error) {
	if f.Limit < 0 {
		return nil, fmt.Errorf("list deliveries: negative limit %d", f.Limit)
	}
	var conds []string
	var args []any
	if f.SubscriptionID != 0 {
		conds, args = append(conds, "subscription_id = ?"), append(args, f.SubscriptionID)
	}
	switch f.State {
	case "":
	case store.DeliveryPending, store.DeliverySent, store.DeliveryDead:
		conds, args = append(conds, "state = ?"), append(args, string(f.State))
	default:
		return nil, fmt.Errorf("list deliveries: unknown state %q (want pending, sent or dead)", f.State)
	}
	limit := -1 // SQLite: no limit
	if f.Limit > 0 {
		limit = f.Limit
	}
	rows, err := s.read.QueryContext(ctx, "SELECT "+deliveryColumns+" FROM deliveries "+where(conds)+" ORDER BY id DESC LIMIT ?",
		append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	out, err := scanDeliveries(rows)
	if err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	return out, nil
}

// Delivery returns one outbox entry.
func (s *Store) Delivery(ctx context.Context, id int64) (store.Delivery, error) {
	d, err := scanDelivery(s.read.QueryRowContext(ctx, "SELECT "+deliveryColumns+" FROM deliveries WHERE id = ?", id))
	if err != nil {
		return store.Delivery{}, fmt.Errorf("delivery %d: %w", id, notFound(err))
	}
	return d, nil
}

// OutboxCounts counts entries by state, every state present.
func (s *Store) OutboxCounts(ctx context.Context) (map[store.DeliveryState]int, error) {
	counts := map[store.DeliveryState]int{store.DeliveryPending: 0, store.DeliverySent: 0, store.DeliveryDead: 0}
	rows, err := s.read.QueryContext(ctx, "SELECT state, COUNT(*) FROM deliveries GROUP BY state")
	if err != nil {
		return nil, fmt.Errorf("count deliveries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return nil, fmt.Errorf("count deliveries: %w", err)
		}
		counts[store.DeliveryState(state)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count deliveries: %w", err)
	}
	return counts, nil
}

// scanDeliveries reads and closes rows.
func scanDeliveries(rows *sql.Rows) ([]store.Delivery, error) {
	defer rows.Close()
	var out []store.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func scanDelivery(row interface{ Scan(...any) error }) (store.Delivery, error) {
	var d store.Delivery
	var kind, state, created, due, next, sent, feedback string
	if err := row.Scan(&d.ID, &d.SubscriptionID, &d.Notification, &kind, &created, &due, &state, &d.Attempts, &next,
		&d.LastError, &sent, &d.MessageID, &d.NotRelevant, &feedback); err != nil {
		return store.Delivery{}, err
	}
	d.Kind, d.State = store.AlertKind(kind), store.DeliveryState(state)
	var err error
	for _, t := range []struct {
		dst *time.Time
		s   string
	}{{&d.Created, created}, {&d.Due, due}, {&d.NextAttempt, next}, {&d.Sent, sent}, {&d.FeedbackAt, feedback}} {
		if *t.dst, err = parseOptTime(t.s); err != nil {
			return store.Delivery{}, fmt.Errorf("delivery %d: %w", d.ID, err)
		}
	}
	return d, nil
}

// int64s reads a one-column result and closes it.
func int64s(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// oneRow turns an update that touched no row into ErrNotFound.
func oneRow(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// marks is n comma-separated placeholders.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// optTime stores a zero time as "", which sorts before every time.
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

func parseOptTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return parseTime(s)
}
