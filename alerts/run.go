package alerts

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// Store is what matching and delivery need of the store.
type Store interface {
	store.Reader
	store.ChangeLog
	store.Alerts
}

// cursorName is the alerts' position in the store's change log;
// startedName marks (1) that alerts have started, since position 0 is
// also where an empty log's consumers stand.
const (
	cursorName  = "alerts"
	startedName = "alerts-started"
)

// changesPage bounds one step of following the change log.
const changesPage = 1000

// Queue follows the store's change log and queues, in the outbox, an alert
// for every subscription a new or changed notification matches, and a
// reminder of its comment deadline when the subscription asks for one. The
// cursor moves only after the entries are queued, and queuing is keyed, so
// a crash anywhere replays harmlessly: nothing is lost, nothing doubled.
type Queue struct {
	store    Store
	fold     Folder
	schedule Schedule
	now      func() time.Time

	mu      sync.Mutex
	stamp   string // the subscriptions' stamp matcher was built at
	matcher *Matcher
	subs    map[int64]store.Subscription
}

// NewQueue returns a Queue; fold nil means plain folding, now nil the clock.
func NewQueue(st Store, fold Folder, schedule Schedule, now func() time.Time) *Queue {
	if now == nil {
		now = time.Now
	}
	return &Queue{store: st, fold: fold, schedule: schedule, now: now}
}

// QueueResult counts what one Run did.
type QueueResult struct {
	Changes       int // change-log entries read
	Notifications int // new or changed notifications matched
	Matches       int // (subscription, notification) pairs
	Queued        int // new outbox entries
}

// Run queues what the changes since the last Run call for. The first Run
// on a store starts at the end of the log: subscribers are told of what
// arrives after alerts were switched on, not of the whole history.
func (q *Queue) Run(ctx context.Context) (QueueResult, error) {
	var res QueueResult
	if err := StartQueue(ctx, q.store); err != nil {
		return res, err
	}
	cursor, err := q.store.Cursor(ctx, cursorName)
	if err != nil {
		return res, fmt.Errorf("queue alerts: %w", err)
	}
	for {
		changes, err := q.store.Changes(ctx, cursor, changesPage)
		if err != nil {
			return res, fmt.Errorf("queue alerts: %w", err)
		}
		if len(changes) == 0 {
			return res, nil
		}
		res.Changes += len(changes)
		var ns []*kb.Notification
		seen := map[string]bool{}
		for _, c := range changes {
			if c.Kind != kb.KindNotification || seen[c.Key] {
				continue
			}
			seen[c.Key] = true
			n, err := q.store.Notification(ctx, c.Key)
			if errors.Is(err, store.ErrNotFound) {
				continue // changed again since, under another key: a later entry has it
			}
			if err != nil {
				return res, fmt.Errorf("queue alerts: %w", err)
			}
			ns = append(ns, n)
		}
		r, err := q.Queue(ctx, ns, true)
		res.Notifications += len(ns)
		res.Matches += r.Matches
		res.Queued += r.Queued
		if err != nil {
			return res, err
		}
		cursor = changes[len(changes)-1].Seq
		if err := q.store.SetCursor(ctx, cursorName, cursor); err != nil {
			return res, fmt.Errorf("queue alerts: %w", err)
		}
	}
}

// StartQueue puts the alerts' cursor at the end of the change log, unless
// alerts have started already: what came before is not alerted.
func StartQueue(ctx context.Context, st store.ChangeLog) error {
	started, err := st.Cursor(ctx, startedName)
	if err != nil || started != 0 {
		return err
	}
	var last int64
	for {
		changes, err := st.Changes(ctx, last, changesPage)
		if err != nil {
			return fmt.Errorf("queue alerts: %w", err)
		}
		if len(changes) == 0 {
			break
		}
		last = changes[len(changes)-1].Seq
	}
	if err := st.SetCursor(ctx, cursorName, last); err != nil {
		return fmt.Errorf("start alerts: %w", err)
	}
	return st.SetCursor(ctx, startedName, 1)
}

// Queue matches notifications against the active subscriptions and queues
// what they call for: alerts (when withAlerts) and reminders.
func (q *Queue) Queue(ctx context.Context, ns []*kb.Notification, withAlerts bool) (QueueResult, error) {
	var res QueueResult
	if len(ns) == 0 {
		return res, nil
	}
	m, subs, err := q.current(ctx)
	if err != nil {
		return res, err
	}
	now := q.now()
	var ds []store.Delivery
	for i, ids := range m.MatchAll(ns) {
		n := ns[i]
		for _, id := range ids {
			sub, ok := subs[id]
			if !ok {
				continue
			}
			res.Matches++
			if withAlerts {
				ds = append(ds, store.Delivery{SubscriptionID: id, Notification: n.Key(), Kind: store.KindAlert, Created: now, Due: q.schedule.Due(sub.Frequency, now)})
			}
			if at, ok := q.schedule.Reminder(n.CommentDeadline, sub.RemindDays, now); ok {
				ds = append(ds, store.Delivery{SubscriptionID: id, Notification: n.Key(), Kind: store.KindReminder, Created: now, Due: at})
			}
		}
	}
	res.Queued, err = q.store.Enqueue(ctx, ds)
	if err != nil {
		return res, fmt.Errorf("queue alerts: %w", err)
	}
	return res, nil
}

// current returns the matcher of the active subscriptions, rebuilt when
// they changed since it was built.
func (q *Queue) current(ctx context.Context) (*Matcher, map[int64]store.Subscription, error) {
	stamp, err := q.store.SubscriptionsStamp(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("queue alerts: %w", err)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.matcher != nil && stamp == q.stamp {
		return q.matcher, q.subs, nil
	}
	active, err := q.store.Subscriptions(ctx, store.SubActive)
	if err != nil {
		return nil, nil, fmt.Errorf("queue alerts: %w", err)
	}
	conds := make([]kb.Subscription, len(active))
	subs := make(map[int64]store.Subscription, len(active))
	for i, s := range active {
		conds[i] = s.Subscription
		subs[s.ID] = s
	}
	q.matcher, q.subs, q.stamp = NewMatcher(conds, q.fold), subs, stamp
	return q.matcher, q.subs, nil
}

// Backfill queues reminders for the notifications still open for comment
// that a newly confirmed subscription matches, so that a subscriber who
// arrives mid-way through a comment period is still reminded of it.
func (q *Queue) Backfill(ctx context.Context, sub store.Subscription) (int, error) {
	if sub.RemindDays <= 0 {
		return 0, nil
	}
	now := q.now()
	open, err := q.store.Notifications(ctx, store.NotificationFilter{DeadlineFrom: kb.Date(now.In(q.schedule.loc()).Format("2006-01-02"))})
	if err != nil {
		return 0, fmt.Errorf("backfill reminders: %w", err)
	}
	m := NewMatcher([]kb.Subscription{sub.Subscription}, q.fold)
	var ds []store.Delivery
	for _, n := range open {
		if len(m.Match(n)) == 0 {
			continue
		}
		if at, ok := q.schedule.Reminder(n.CommentDeadline, sub.RemindDays, now); ok {
			ds = append(ds, store.Delivery{SubscriptionID: sub.ID, Notification: n.Key(), Kind: store.KindReminder, Created: now, Due: at})
		}
	}
	added, err := q.store.Enqueue(ctx, ds)
	if err != nil {
		return 0, fmt.Errorf("backfill reminders: %w", err)
	}
	return added, nil
}
