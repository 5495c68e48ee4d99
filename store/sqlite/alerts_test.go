package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

var alertT0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// fillOutbox adds subs active subscriptions with perSub due alerts each and
// returns the ids of the entries.
func fillOutbox(t *testing.T, s *Store, subs, perSub int) []int64 {
	t.Helper()
	ctx := context.Background()
	var ds []store.Delivery
	for i := range subs {
		id, err := s.AddSubscription(ctx, store.Subscription{
			Subscription: kb.Subscription{Members: []string{"EU"}},
			Email:        fmt.Sprintf("s%d@example.cn", i), Frequency: store.Immediately, Channel: store.ChannelEmail,
			FeedToken: fmt.Sprintf("token-%d", i), Status: store.SubActive, Created: alertT0,
		})
		if err != nil {
			t.Fatal(err)
		}
		for j := range perSub {
			ds = append(ds, store.Delivery{SubscriptionID: id, Notification: fmt.Sprintf("G/TBT/N/EU/%d", j+1),
				Kind: store.KindAlert, Created: alertT0, Due: alertT0})
		}
	}
	if n, err := s.Enqueue(ctx, ds); err != nil || n != len(ds) {
		t.Fatalf("Enqueue = %d, %v; want %d", n, err, len(ds))
	}
	all, err := s.Deliveries(ctx, store.DeliveryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, d := range all {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestConcurrentClaims has claimers race for a full outbox, a few
// subscriptions at a time, until it is empty: together they must take
// every entry, and no entry twice. They share one Store (one write
// connection) or each have their own on the same file (two processes,
// serialised only by SQLite's lock).
func TestConcurrentClaims(t *testing.T) {
	const claimers = 4
	for _, shared := range []bool{true, false} {
		t.Run(fmt.Sprintf("shared store %v", shared), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "kb.db")
			first := open(t, path)
			want := fillOutbox(t, first, 60, 2)
			second := first
			if !shared {
				second = open(t, path)
			}
			var wg sync.WaitGroup
			claimed := make([][]int64, claimers)
			errs := make([]error, claimers)
			start := make(chan struct{})
			for i := range claimers {
				s := first
				if i%2 == 1 {
					s = second
				}
				wg.Go(func() {
					<-start
					for {
						ds, err := s.Claim(context.Background(), alertT0, time.Hour, 2)
						if err != nil {
							errs[i] = err
							return
						}
						if len(ds) == 0 {
							return
						}
						for _, d := range ds {
							claimed[i] = append(claimed[i], d.ID)
						}
					}
				})
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("claimer %d: %v", i, err)
				}
			}
			got := slices.Concat(claimed...)
			slices.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("claimed together (-outbox +claimed):\n%s", diff)
			}
		})
	}
}

// TestAlertsSurviveReopen closes the file mid-way through deliveries: the
// subscriptions, the entries in every state and the claims are all there
// when it is opened again.
func TestAlertsSurviveReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ids := fillOutbox(t, s, 3, 3)
	if err := s.MarkSent(ctx, ids[:2], "m1", alertT0); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, ids[2:3], "gone", time.Time{}, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFeedback(ctx, ids[0], true, alertT0); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.Claim(ctx, alertT0, time.Hour, 1)
	if err != nil || len(claimed) == 0 {
		t.Fatalf("Claim = %v, %v", claimed, err)
	}
	type snapshot struct {
		Subs   []store.Subscription
		Outbox []store.Delivery
		Counts map[store.DeliveryState]int
		Stamp  string
	}
	snap := func(s *Store) snapshot {
		t.Helper()
		var x snapshot
		var err error
		if x.Subs, err = s.Subscriptions(ctx); err != nil {
			t.Fatal(err)
		}
		if x.Outbox, err = s.Deliveries(ctx, store.DeliveryFilter{}); err != nil {
			t.Fatal(err)
		}
		if x.Counts, err = s.OutboxCounts(ctx); err != nil {
			t.Fatal(err)
		}
		if x.Stamp, err = s.SubscriptionsStamp(ctx); err != nil {
			t.Fatal(err)
		}
		return x
	}
	before := snap(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, path)
	if diff := cmp.Diff(before, snap(s)); diff != "" {
		t.Errorf("after reopening (-before +after):\n%s", diff)
	}
	// The claim held: the next claim takes the other subscriptions' entries.
	again, err := s.Claim(ctx, alertT0, time.Hour, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range again {
		if d.SubscriptionID == claimed[0].SubscriptionID {
			t.Errorf("entry %d, claimed before closing, claimed again after", d.ID)
		}
	}
	if len(again) == 0 {
		t.Error("nothing left to claim after reopening")
	}
}

// TestDeletingSubscription covers what the schema does on its own: deleting
// a subscription (by hand; the store has no such call) takes its outbox
// entries with it and still changes the stamp.
func TestDeletingSubscription(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "kb.db"))
	fillOutbox(t, s, 2, 2)
	subs, err := s.Subscriptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stamp, err := s.SubscriptionsStamp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, "DELETE FROM subscriptions WHERE id = ?", subs[0].ID); err != nil {
		t.Fatal(err)
	}
	if after, err := s.SubscriptionsStamp(ctx); err != nil || after == stamp {
		t.Errorf("stamp after a delete = %q, %v; was %q", after, err, stamp)
	}
	left, err := s.Deliveries(ctx, store.DeliveryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range left {
		if d.SubscriptionID == subs[0].ID {
			t.Errorf("entry %d of the deleted subscription is still there", d.ID)
		}
	}
	if len(left) != 2 {
		t.Errorf("%d entries left, want the other subscription's 2", len(left))
	}
}
