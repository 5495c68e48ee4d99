package alerts

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

// clock is a settable time for the queue, the deliverer and the store's
// claims.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(s string, t testing.TB) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = cst(t, s)
}

// recorder is a Sender that keeps what it was given and fails on demand;
// it stands for the edge (an SMTP server, a webhook receiver), which the
// mail and webhook tests exercise for real.
type recorder struct {
	mu   sync.Mutex
	sent []Message
	fail []error // the next sends fail with these, in order
}

func (r *recorder) Send(_ context.Context, m Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.fail) > 0 {
		err := r.fail[0]
		r.fail = r.fail[1:]
		return err
	}
	r.sent = append(r.sent, m)
	return nil
}

// sentKeys lists, per message, the subscription and the (kind, symbol) of
// each item.
func (r *recorder) sentKeys() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, m := range r.sent {
		s := fmt.Sprintf("sub %d:", m.Subscription.ID)
		for _, it := range m.Items {
			s += fmt.Sprintf(" %s %s", it.Delivery.Kind, it.Notification.Symbol)
		}
		out = append(out, s)
	}
	return out
}

type fixture struct {
	st    *sqlite.Store
	clock *clock
	queue *Queue
	rec   *recorder
	del   *Deliverer
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, clock: &clock{}, rec: &recorder{}}
	f.clock.Set("2026-11-23 10:00", t)
	tokens, err := NewTokens([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	f.queue = NewQueue(st, nil, DefaultSchedule(), f.clock.Now)
	f.del = &Deliverer{
		Store: st, Senders: map[store.Channel]Sender{store.ChannelEmail: f.rec, store.ChannelWebhook: f.rec},
		Links: Links{Base: "https://stdbridge.test", Tokens: tokens}, Now: f.clock.Now,
		Backoff: func(n int) time.Duration { return time.Duration(n) * time.Minute },
	}
	if err := StartQueue(ctx, st); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) subscribe(t *testing.T, sub store.Subscription) int64 {
	t.Helper()
	ctx := context.Background()
	if err := sub.Subscription.Normalize(); err != nil {
		t.Fatal(err)
	}
	sub.Email = cmpOr(sub.Email, "buyer@example.com")
	sub.Lang, sub.Channel, sub.Status = "zh", store.ChannelEmail, store.SubPending
	sub.Frequency = cmpOr(sub.Frequency, store.Immediately)
	sub.FeedToken = fmt.Sprintf("feed-%d-%s", time.Now().UnixNano(), sub.Label)
	sub.Created, sub.Updated = f.clock.Now(), f.clock.Now()
	id, err := f.st.AddSubscription(ctx, sub)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetSubscriptionStatus(ctx, id, store.SubActive, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	return id
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

func (f *fixture) apply(t *testing.T, ns ...*kb.Notification) {
	t.Helper()
	recs := make([]kb.Record, len(ns))
	for i, n := range ns {
		recs[i] = n
	}
	if _, err := f.st.Apply(context.Background(), store.Batch{Source: "test", Records: recs}); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) run(t *testing.T) QueueResult {
	t.Helper()
	res, err := f.queue.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (f *fixture) deliver(t *testing.T) DeliverResult {
	t.Helper()
	res, err := f.del.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func note(symbol, member, title string, hs []string, deadline kb.Date) *kb.Notification {
	return &kb.Notification{Symbol: symbol, Member: member, Area: "TBT", Distributed: "2026-11-20", Title: title, HS: hs, CommentDeadline: deadline}
}

func TestQueueDeliversEachAlertOnce(t *testing.T) {
	f := newFixture(t)
	toys := f.subscribe(t, store.Subscription{Label: "toys", Subscription: kb.Subscription{HS: []string{"9503"}}})
	eu := f.subscribe(t, store.Subscription{Label: "eu", Subscription: kb.Subscription{Members: []string{"EU"}}})
	f.apply(t,
		note("G/TBT/N/EU/9001", "EU", "Toy safety", []string{"9503"}, ""),
		note("G/TBT/N/USA/9002", "USA", "Ride-on toys", []string{"950300"}, ""),
		note("G/TBT/N/JPN/9003", "JPN", "Rice cookers", []string{"8516"}, ""),
	)
	res := f.run(t)
	if res.Notifications != 3 || res.Matches != 3 || res.Queued != 3 {
		t.Errorf("first run: %+v, want 3 notifications, 3 matches, 3 queued", res)
	}
	if again := f.run(t); again.Changes != 0 || again.Queued != 0 {
		t.Errorf("second run with no changes: %+v", again)
	}
	// The same notifications matched again (a crash before the cursor
	// moved) queue nothing new.
	ns, err := f.st.Notifications(context.Background(), store.NotificationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := f.queue.Queue(context.Background(), ns, true); err != nil || r.Queued != 0 || r.Matches != 3 {
		t.Errorf("replay: %+v, %v; want 3 matches, 0 queued", r, err)
	}
	d := f.deliver(t)
	if d.Messages != 2 || d.Entries != 3 {
		t.Errorf("deliver: %+v, want 2 messages with 3 entries", d)
	}
	want := []string{
		fmt.Sprintf("sub %d: alert G/TBT/N/EU/9001 alert G/TBT/N/USA/9002", toys),
		fmt.Sprintf("sub %d: alert G/TBT/N/EU/9001", eu),
	}
	if diff := cmp.Diff(want, f.rec.sentKeys()); diff != "" {
		t.Errorf("sent (-want +got):\n%s", diff)
	}
	if d := f.deliver(t); d.Messages != 0 {
		t.Errorf("second delivery sent %d messages", d.Messages)
	}
	// A changed notification that was alerted already is not alerted again.
	f.apply(t, note("G/TBT/N/EU/9001", "EU", "Toy safety (amended)", []string{"9503"}, ""))
	if r := f.run(t); r.Notifications != 1 || r.Queued != 0 {
		t.Errorf("after an update: %+v, want 1 notification, 0 queued", r)
	}
	sent, err := f.st.Deliveries(context.Background(), store.DeliveryFilter{SubscriptionID: toys})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range sent {
		if e.State != store.DeliverySent || e.MessageID == "" || e.Sent.IsZero() {
			t.Errorf("entry %d: state %s, message %q, sent %v", e.ID, e.State, e.MessageID, e.Sent)
		}
	}
}

func TestDigestsAndReminders(t *testing.T) {
	f := newFixture(t)
	daily := f.subscribe(t, store.Subscription{Label: "daily", Frequency: store.Daily, RemindDays: 7, Subscription: kb.Subscription{Members: []string{"EU"}}})
	paused := f.subscribe(t, store.Subscription{Label: "paused", Subscription: kb.Subscription{Members: []string{"EU"}}})
	if err := f.st.SetSubscriptionStatus(context.Background(), paused, store.SubPaused, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	f.apply(t,
		note("G/TBT/N/EU/9001", "EU", "Toy safety", nil, "2026-12-10"),
		note("G/TBT/N/EU/9002", "EU", "Batteries", nil, ""),
	)
	if r := f.run(t); r.Queued != 3 { // two alerts, one reminder; nothing for the paused one
		t.Fatalf("queued %d, want 3 (%+v)", r.Queued, r)
	}
	if d := f.deliver(t); d.Messages != 0 {
		t.Fatalf("a daily digest went out at 10:00: %+v", d)
	}
	f.clock.Set("2026-11-24 08:00", t)
	if d := f.deliver(t); d.Messages != 1 || d.Entries != 2 {
		t.Fatalf("digest: %+v, want one message of 2 entries", d)
	}
	// The deadline moves: the pending reminder follows it.
	f.apply(t, note("G/TBT/N/EU/9001", "EU", "Toy safety", nil, "2026-12-20"))
	f.run(t)
	f.clock.Set("2026-12-03 09:00", t)
	if d := f.deliver(t); d.Messages != 0 {
		t.Fatalf("the reminder went out for the old deadline: %+v", d)
	}
	f.clock.Set("2026-12-13 08:00", t)
	if d := f.deliver(t); d.Messages != 1 || d.Entries != 1 {
		t.Fatalf("reminder: %+v", d)
	}
	want := []string{
		fmt.Sprintf("sub %d: alert G/TBT/N/EU/9001 alert G/TBT/N/EU/9002", daily),
		fmt.Sprintf("sub %d: reminder G/TBT/N/EU/9001", daily),
	}
	if diff := cmp.Diff(want, f.rec.sentKeys()); diff != "" {
		t.Errorf("sent (-want +got):\n%s", diff)
	}
}

func TestFailuresRetryThenDeadLetters(t *testing.T) {
	f := newFixture(t)
	f.del.MaxAttempts = 3
	sub := f.subscribe(t, store.Subscription{Subscription: kb.Subscription{Members: []string{"EU"}}})
	f.apply(t, note("G/TBT/N/EU/9001", "EU", "Toy safety", nil, ""))
	f.run(t)
	f.rec.fail = []error{errors.New("421 try later"), errors.New("connection refused")}
	if d := f.deliver(t); d.Failed != 1 || d.Messages != 0 {
		t.Fatalf("first attempt: %+v", d)
	}
	if d := f.deliver(t); d.Failed != 0 || d.Messages != 0 {
		t.Fatalf("retried before its backoff: %+v", d)
	}
	f.clock.Set("2026-11-23 10:01", t)
	if d := f.deliver(t); d.Failed != 1 {
		t.Fatalf("second attempt: %+v", d)
	}
	f.clock.Set("2026-11-23 10:05", t)
	if d := f.deliver(t); d.Messages != 1 {
		t.Fatalf("third attempt: %+v", d)
	}
	if len(f.rec.sent) != 1 {
		t.Fatalf("sent %d messages, want 1", len(f.rec.sent))
	}
	es, _ := f.st.Deliveries(context.Background(), store.DeliveryFilter{SubscriptionID: sub})
	if len(es) != 1 || es[0].Attempts != 2 || es[0].State != store.DeliverySent {
		t.Fatalf("entry after two failures and a success: %+v", es)
	}

	// A permanent failure is a dead letter at once; an admin's retry
	// sends it.
	f.apply(t, note("G/TBT/N/EU/9002", "EU", "Batteries", nil, ""))
	f.run(t)
	f.rec.fail = []error{&Permanent{Err: errors.New("550 no such user")}}
	if d := f.deliver(t); d.Dead != 1 {
		t.Fatalf("permanent failure: %+v", d)
	}
	dead, _ := f.st.Deliveries(context.Background(), store.DeliveryFilter{State: store.DeliveryDead})
	if len(dead) != 1 || dead[0].LastError != "550 no such user" {
		t.Fatalf("dead letters: %+v", dead)
	}
	if err := f.st.Retry(context.Background(), dead[0].ID, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if d := f.deliver(t); d.Messages != 1 {
		t.Fatalf("after retry: %+v", d)
	}

	// Too many ordinary failures make dead letters too.
	f.apply(t, note("G/TBT/N/EU/9003", "EU", "Cosmetics", nil, ""))
	f.run(t)
	for i := range 3 {
		f.rec.fail = []error{errors.New("timeout")}
		f.clock.Set(fmt.Sprintf("2026-11-23 1%d:00", i+1), t)
		f.deliver(t)
	}
	if es, _ := f.st.Deliveries(context.Background(), store.DeliveryFilter{State: store.DeliveryDead}); len(es) != 1 || es[0].Attempts != 3 {
		t.Fatalf("after 3 failures: %+v", es)
	}
}

func TestClaimedEntriesWaitForTheLease(t *testing.T) {
	f := newFixture(t)
	f.subscribe(t, store.Subscription{Subscription: kb.Subscription{Members: []string{"EU"}}})
	f.apply(t, note("G/TBT/N/EU/9001", "EU", "Toy safety", nil, ""))
	f.run(t)
	// A sender claims the entry and dies before sending.
	if got, err := f.st.Claim(context.Background(), f.clock.Now(), 5*time.Minute, 10); err != nil || len(got) != 1 {
		t.Fatalf("claim: %v, %v", got, err)
	}
	if d := f.deliver(t); d.Messages != 0 {
		t.Fatalf("sent an entry another sender holds: %+v", d)
	}
	f.clock.Set("2026-11-23 10:06", t)
	if d := f.deliver(t); d.Messages != 1 {
		t.Fatalf("after the lease: %+v", d)
	}
}
