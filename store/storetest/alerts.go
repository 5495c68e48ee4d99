package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// alertT0 is the alert tests' clock: they pass times, never read one.
var alertT0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// testAlerts runs the store.Alerts tests. They share the one store the
// suite gives a test, so each works on subscriptions of its own (own
// e-mail address, own feed tokens) and unsubscribes them when done, which
// keeps their outbox entries out of later tests' claims.
func testAlerts(t *testing.T, s store.Store) {
	ctx := t.Context()
	counts, err := s.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[store.DeliveryState]int{store.DeliveryPending: 0, store.DeliverySent: 0, store.DeliveryDead: 0}, counts); diff != "" {
		t.Errorf("OutboxCounts of an empty store, every state present (-want +got):\n%s", diff)
	}
	if subs, err := s.Subscriptions(ctx); err != nil || len(subs) != 0 {
		t.Errorf("Subscriptions of an empty store = %v, %v", subs, err)
	}
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"SubscriptionRoundTrip", testSubRoundTrip},
		{"SubscriptionValidation", testSubValidation},
		{"SubscriptionUpdate", testSubUpdate},
		{"SubscriptionStatus", testSubStatus},
		{"SubscriptionsStamp", testSubStamp},
		{"Enqueue", testEnqueue},
		{"EnqueueFailingBatchWritesNothing", testEnqueueFailing},
		{"Claim", testClaim},
		{"ClaimLimitTakesWholeSubscriptions", testClaimLimit},
		{"Outcomes", testOutcomes},
		{"DeliveriesAndFeedback", testDeliveries},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, s) })
	}
}

// newSub is a valid subscription; token is its feed token, and its e-mail
// address is made from it, so that tests sharing a store do not meet.
func newSub(token string) store.Subscription {
	return store.Subscription{
		Subscription: kb.Subscription{Members: []string{"EU"}, Keywords: []string{"toys"}},
		Email:        token + "@example.cn",
		Lang:         "zh",
		Label:        "EU toys",
		Frequency:    store.Immediately,
		Channel:      store.ChannelEmail,
		FeedToken:    token,
		Status:       store.SubActive,
		Created:      alertT0,
		Updated:      alertT0,
		Confirmed:    alertT0,
	}
}

// addSub adds sub and returns it with its id; when the test ends, the
// subscription is unsubscribed (see testAlerts).
func addSub(t *testing.T, s store.Store, sub store.Subscription) store.Subscription {
	t.Helper()
	id, err := s.AddSubscription(t.Context(), sub)
	if err != nil {
		t.Fatalf("AddSubscription(%s): %v", sub.FeedToken, err)
	}
	sub.ID = id
	t.Cleanup(func() {
		// t.Context is canceled by the time cleanups run.
		if err := s.SetSubscriptionStatus(context.Background(), id, store.SubUnsubscribed, alertT0); err != nil {
			t.Errorf("unsubscribe %d after the test: %v", id, err)
		}
	})
	return sub
}

func getSub(t *testing.T, s store.Store, id int64) store.Subscription {
	t.Helper()
	sub, err := s.Subscription(t.Context(), id)
	if err != nil {
		t.Fatalf("Subscription(%d): %v", id, err)
	}
	return sub
}

func subIDs(subs []store.Subscription) []int64 {
	var ids []int64
	for _, s := range subs {
		ids = append(ids, s.ID)
	}
	return ids
}

// only keeps the ids that are in mine, in their order.
func only(ids []int64, mine ...int64) []int64 {
	var out []int64
	for _, id := range ids {
		if slices.Contains(mine, id) {
			out = append(out, id)
		}
	}
	return out
}

func testSubRoundTrip(t *testing.T, s store.Store) {
	ctx := t.Context()
	full := store.Subscription{
		Subscription: kb.Subscription{
			Members:    []string{"CHN", "EU", "USA"},
			Areas:      []kb.Area{kb.AreaSPS, kb.AreaTBT},
			Types:      []kb.NotificationType{kb.TypeAddendum, kb.TypeRegular},
			HS:         []string{"8516", "950300"},
			ICS:        []string{"13", "97.200.50"},
			Objectives: []string{"Protection of human health"},
			Keywords:   []string{"lead", "玩具"},
			Exclude:    []string{"food"},
			Follow:     []string{"G/TBT/N/EU/1123"},
		},
		Email:         "Round.Trip@Example.cn",
		Lang:          "en",
		Label:         "Everything, 全部",
		Frequency:     store.Weekly,
		RemindDays:    7,
		Channel:       store.ChannelWebhook,
		WebhookURL:    "https://hooks.example.cn/stdbridge?x=1",
		WebhookSecret: "s3cret",
		FeedToken:     "roundtrip-token",
		Status:        store.SubActive,
		Created:       alertT0,
		Updated:       alertT0.Add(time.Minute),
		Confirmed:     alertT0.Add(time.Second),
	}
	full = addSub(t, s, full)
	if full.ID == 0 {
		t.Fatal("AddSubscription returned id 0")
	}
	if diff := cmp.Diff(full, getSub(t, s, full.ID)); diff != "" {
		t.Errorf("Subscription (-added +read):\n%s", diff)
	}
	byToken, err := s.SubscriptionByFeedToken(ctx, "roundtrip-token")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(full, byToken); diff != "" {
		t.Errorf("SubscriptionByFeedToken (-added +read):\n%s", diff)
	}

	// Same address in another case; another address; a subscription
	// with no time, which takes the store's clock.
	other := newSub("roundtrip-2")
	other.Email = "round.trip@EXAMPLE.CN"
	other.Status, other.Confirmed = store.SubPending, time.Time{}
	other.Created, other.Updated = time.Time{}, time.Time{}
	other = addSub(t, s, other)
	paused := newSub("roundtrip-3")
	paused.Status = store.SubPaused
	paused = addSub(t, s, paused)

	got := getSub(t, s, other.ID)
	if got.Created.IsZero() || got.Updated.IsZero() || got.Created.Location() != time.UTC || !got.Confirmed.IsZero() {
		t.Errorf("subscription added without times: created %v, updated %v, confirmed %v; want the store's clock in UTC, and no confirmation",
			got.Created, got.Updated, got.Confirmed)
	}
	for _, email := range []string{"round.trip@example.cn", "ROUND.TRIP@EXAMPLE.CN"} {
		subs, err := s.SubscriptionsByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]int64{full.ID, other.ID}, subIDs(subs)); diff != "" {
			t.Errorf("SubscriptionsByEmail(%s) (-want +got):\n%s", email, diff)
		}
	}
	if subs, err := s.SubscriptionsByEmail(ctx, "nobody@example.cn"); err != nil || len(subs) != 0 {
		t.Errorf("SubscriptionsByEmail of an unknown address = %v, %v; want none", subs, err)
	}

	mine := []int64{full.ID, other.ID, paused.ID}
	lists := []struct {
		statuses []store.SubStatus
		want     []int64
	}{
		{nil, mine},
		{[]store.SubStatus{store.SubActive}, []int64{full.ID}},
		{[]store.SubStatus{store.SubPaused, store.SubPending}, []int64{other.ID, paused.ID}},
		{[]store.SubStatus{store.SubUnsubscribed}, nil},
	}
	for _, l := range lists {
		subs, err := s.Subscriptions(ctx, l.statuses...)
		if err != nil {
			t.Fatalf("Subscriptions(%v): %v", l.statuses, err)
		}
		ids := subIDs(subs)
		if !slices.IsSorted(ids) {
			t.Errorf("Subscriptions(%v) = %v, not by id", l.statuses, ids)
		}
		if diff := cmp.Diff(l.want, only(ids, mine...)); diff != "" {
			t.Errorf("Subscriptions(%v) (-want +got):\n%s", l.statuses, diff)
		}
	}
	if _, err := s.Subscriptions(ctx, "deleted"); err == nil {
		t.Error("Subscriptions(deleted): no error for an unknown status")
	}

	if _, err := s.Subscription(ctx, 1<<40); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Subscription of an unknown id: %v, want ErrNotFound", err)
	}
	for _, token := range []string{"ROUNDTRIP-TOKEN", "nope", ""} {
		if _, err := s.SubscriptionByFeedToken(ctx, token); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SubscriptionByFeedToken(%q): %v, want ErrNotFound", token, err)
		}
	}
}

func testSubValidation(t *testing.T, s store.Store) {
	ctx := t.Context()
	addSub(t, s, newSub("validation-taken"))
	before, err := s.Subscriptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stamp := stampOf(t, s)
	bad := []struct {
		name   string
		change func(*store.Subscription)
		want   error // nil: any error
	}{
		{"feed token taken", func(x *store.Subscription) { x.FeedToken = "validation-taken" }, store.ErrExists},
		{"empty e-mail", func(x *store.Subscription) { x.Email = "" }, nil},
		{"blank e-mail", func(x *store.Subscription) { x.Email = "  " }, nil},
		{"empty feed token", func(x *store.Subscription) { x.FeedToken = "" }, nil},
		{"unknown frequency", func(x *store.Subscription) { x.Frequency = "hourly" }, nil},
		{"no frequency", func(x *store.Subscription) { x.Frequency = "" }, nil},
		{"unknown channel", func(x *store.Subscription) { x.Channel = "sms" }, nil},
		{"no channel", func(x *store.Subscription) { x.Channel = "" }, nil},
		{"webhook without URL", func(x *store.Subscription) { x.Channel = store.ChannelWebhook }, nil},
		{"unknown status", func(x *store.Subscription) { x.Status = "deleted" }, nil},
		{"no status", func(x *store.Subscription) { x.Status = "" }, nil},
		{"reminder days negative", func(x *store.Subscription) { x.RemindDays = -1 }, nil},
		{"reminder days over 90", func(x *store.Subscription) { x.RemindDays = 91 }, nil},
		{"no condition", func(x *store.Subscription) { x.Subscription = kb.Subscription{} }, nil},
		{"only exclusions", func(x *store.Subscription) { x.Subscription = kb.Subscription{Exclude: []string{"food"}} }, nil},
		{"bad HS code", func(x *store.Subscription) { x.HS = []string{"abc"} }, nil},
		{"member not canonical", func(x *store.Subscription) { x.Members = []string{"eu"} }, nil},
		{"members not sorted", func(x *store.Subscription) { x.Members = []string{"USA", "EU"} }, nil},
		{"keyword not trimmed", func(x *store.Subscription) { x.Keywords = []string{" toys"} }, nil},
	}
	for i, b := range bad {
		sub := newSub(fmt.Sprintf("validation-%d", i))
		b.change(&sub)
		id, err := s.AddSubscription(ctx, sub)
		if err == nil || b.want != nil && !errors.Is(err, b.want) {
			t.Errorf("AddSubscription, %s = %d, %v; want error %v", b.name, id, err, b.want)
		}
	}
	after, err := s.Subscriptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("refused subscriptions changed the store (-before +after):\n%s", diff)
	}
	if got := stampOf(t, s); got != stamp {
		t.Errorf("refused subscriptions changed the stamp from %q to %q", stamp, got)
	}

	// The bounds themselves are fine, and so are empty and nil kinds alike.
	ok := newSub("validation-bounds")
	ok.RemindDays, ok.Keywords, ok.Areas = 90, []string{}, []kb.Area{kb.AreaTBT}
	ok = addSub(t, s, ok)
	ok.RemindDays = 0
	if err := s.UpdateSubscription(ctx, ok); err != nil {
		t.Errorf("UpdateSubscription with no reminder: %v", err)
	}
	for _, b := range bad[1:] {
		sub := ok
		b.change(&sub)
		if sub.Email != ok.Email || sub.FeedToken != ok.FeedToken || sub.Status != ok.Status {
			continue // UpdateSubscription does not write these
		}
		if err := s.UpdateSubscription(ctx, sub); err == nil {
			t.Errorf("UpdateSubscription, %s: no error", b.name)
		}
	}
	if got := getSub(t, s, ok.ID); got.RemindDays != 0 || !slices.Equal(got.Areas, []kb.Area{kb.AreaTBT}) || !slices.Equal(got.Members, []string{"EU"}) {
		t.Errorf("after refused updates: %+v", got)
	}
}

func testSubUpdate(t *testing.T, s store.Store) {
	ctx := t.Context()
	sub := addSub(t, s, newSub("update"))
	changed := sub
	changed.Subscription = kb.Subscription{ID: sub.ID, Areas: []kb.Area{kb.AreaSPS}, HS: []string{"0808"}, Exclude: []string{"wine"}}
	changed.Lang, changed.Label, changed.Frequency, changed.RemindDays = "en", "apples", store.Daily, 14
	changed.Channel, changed.WebhookURL, changed.WebhookSecret = store.ChannelWebhook, "https://h.example.cn/", "k"
	changed.Updated = alertT0.Add(time.Hour)
	// What UpdateSubscription does not write.
	attempt := changed
	attempt.Email, attempt.FeedToken, attempt.Status = "someone.else@example.cn", "stolen", store.SubPaused
	attempt.Created, attempt.Confirmed = alertT0.Add(-time.Hour), alertT0.Add(-time.Hour)
	if err := s.UpdateSubscription(ctx, attempt); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(changed, getSub(t, s, sub.ID)); diff != "" {
		t.Errorf("after UpdateSubscription (-want +got):\n%s", diff)
	}
	if _, err := s.SubscriptionByFeedToken(ctx, "stolen"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UpdateSubscription changed the feed token: %v", err)
	}

	// A zero Updated is the store's clock.
	changed.Updated = time.Time{}
	if err := s.UpdateSubscription(ctx, changed); err != nil {
		t.Fatal(err)
	}
	if got := getSub(t, s, sub.ID); got.Updated.IsZero() || got.Updated.Equal(alertT0.Add(time.Hour)) {
		t.Errorf("Updated after an update without a time = %v, want the store's clock", got.Updated)
	}

	missing := newSub("update-missing")
	missing.ID = 1 << 40
	if err := s.UpdateSubscription(ctx, missing); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UpdateSubscription of an unknown id: %v, want ErrNotFound", err)
	}
}

func testSubStatus(t *testing.T, s store.Store) {
	ctx := t.Context()
	pending := newSub("status")
	pending.Status, pending.Confirmed = store.SubPending, time.Time{}
	sub := addSub(t, s, pending)
	confirmedAt := alertT0.Add(time.Hour)
	steps := []struct {
		status    store.SubStatus
		at        time.Time
		confirmed time.Time
	}{
		{store.SubPending, alertT0.Add(time.Minute), time.Time{}},
		{store.SubActive, confirmedAt, confirmedAt},
		{store.SubPaused, alertT0.Add(2 * time.Hour), confirmedAt},
		{store.SubActive, alertT0.Add(3 * time.Hour), confirmedAt}, // confirmed once
		{store.SubUnsubscribed, alertT0.Add(4 * time.Hour), confirmedAt},
	}
	for _, st := range steps {
		if err := s.SetSubscriptionStatus(ctx, sub.ID, st.status, st.at); err != nil {
			t.Fatalf("SetSubscriptionStatus(%s): %v", st.status, err)
		}
		want := sub
		want.Status, want.Updated, want.Confirmed = st.status, st.at, st.confirmed
		if diff := cmp.Diff(want, getSub(t, s, sub.ID)); diff != "" {
			t.Errorf("after SetSubscriptionStatus(%s, %v) (-want +got):\n%s", st.status, st.at, diff)
		}
	}
	if err := s.SetSubscriptionStatus(ctx, sub.ID, "deleted", alertT0); err == nil {
		t.Error("SetSubscriptionStatus to an unknown status: no error")
	}
	if got := getSub(t, s, sub.ID); got.Status != store.SubUnsubscribed {
		t.Errorf("status %q after a refused change", got.Status)
	}
	if err := s.SetSubscriptionStatus(ctx, 1<<40, store.SubActive, alertT0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetSubscriptionStatus of an unknown id: %v, want ErrNotFound", err)
	}
}

func stampOf(t *testing.T, s store.Store) string {
	t.Helper()
	st, err := s.SubscriptionsStamp(t.Context())
	if err != nil {
		t.Fatalf("SubscriptionsStamp: %v", err)
	}
	return st
}

// testSubStamp makes changes back to back, at one and the same time, so a
// stamp made of times alone could not tell them apart.
func testSubStamp(t *testing.T, s store.Store) {
	ctx := t.Context()
	seen := map[string]string{stampOf(t, s): "start"}
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		st := stampOf(t, s)
		if prev, ok := seen[st]; ok {
			t.Errorf("stamp %q after %s, as after %s", st, what, prev)
		}
		seen[st] = what
	}
	sub := addSub(t, s, newSub("stamp"))
	step("add", nil)
	if again := stampOf(t, s); seen[again] != "add" {
		t.Errorf("stamp changed from one read to the next, without a change")
	}
	sub.Label = "renamed"
	step("update", s.UpdateSubscription(ctx, sub))
	sub.Label = "renamed again"
	step("second update", s.UpdateSubscription(ctx, sub))
	step("pause", s.SetSubscriptionStatus(ctx, sub.ID, store.SubPaused, alertT0))
	step("resume", s.SetSubscriptionStatus(ctx, sub.ID, store.SubActive, alertT0))
	addSub(t, s, newSub("stamp-2"))
	step("second add", nil)
}

func enqueue(t *testing.T, s store.Store, ds ...store.Delivery) int {
	t.Helper()
	n, err := s.Enqueue(t.Context(), ds)
	if err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	return n
}

// deliveriesOf lists the entries of the given subscriptions, by id.
func deliveriesOf(t *testing.T, s store.Store, subs ...store.Subscription) []store.Delivery {
	t.Helper()
	var out []store.Delivery
	for _, sub := range subs {
		ds, err := s.Deliveries(t.Context(), store.DeliveryFilter{SubscriptionID: sub.ID})
		if err != nil {
			t.Fatalf("Deliveries of %d: %v", sub.ID, err)
		}
		out = append(out, ds...)
	}
	slices.SortFunc(out, func(a, b store.Delivery) int { return int(a.ID - b.ID) })
	return out
}

// byKey finds the entry of a key among ds.
func byKey(t *testing.T, ds []store.Delivery, sub int64, notification string, kind store.AlertKind) store.Delivery {
	t.Helper()
	for _, d := range ds {
		if d.SubscriptionID == sub && d.Notification == notification && d.Kind == kind {
			return d
		}
	}
	t.Fatalf("no entry (%d, %s, %s) among %+v", sub, notification, kind, ds)
	return store.Delivery{}
}

func testEnqueue(t *testing.T, s store.Store) {
	ctx := t.Context()
	a, b := addSub(t, s, newSub("enqueue-a")), addSub(t, s, newSub("enqueue-b"))
	due := alertT0.Add(time.Hour)
	batch := func() []store.Delivery {
		return []store.Delivery{
			{SubscriptionID: a.ID, Notification: "G/TBT/N/EU/1123", Kind: store.KindAlert, Created: alertT0, Due: due},
			{SubscriptionID: a.ID, Notification: "G/TBT/N/EU/1123", Kind: store.KindReminder, Created: alertT0, Due: due.Add(72 * time.Hour)},
			// The store's fields are the store's, whatever the caller says.
			{SubscriptionID: b.ID, Notification: "G/TBT/N/EU/1123", Kind: store.KindAlert, Created: alertT0, Due: due,
				State: store.DeliverySent, Attempts: 3, LastError: "x", MessageID: "m", Sent: due, NotRelevant: true},
		}
	}
	if n := enqueue(t, s, batch()...); n != 3 {
		t.Errorf("Enqueue of 3 new entries = %d", n)
	}
	first := deliveriesOf(t, s, a, b)
	var want []store.Delivery
	for i, d := range batch() {
		want = append(want, store.Delivery{ID: first[i].ID, SubscriptionID: d.SubscriptionID, Notification: d.Notification,
			Kind: d.Kind, Created: d.Created, Due: d.Due, State: store.DeliveryPending})
	}
	if diff := cmp.Diff(want, first); diff != "" {
		t.Fatalf("after Enqueue (-want +got):\n%s", diff)
	}
	if n := enqueue(t, s, batch()...); n != 0 {
		t.Errorf("Enqueue of the same batch again = %d, want 0", n)
	}
	if diff := cmp.Diff(first, deliveriesOf(t, s, a, b)); diff != "" {
		t.Errorf("the same batch again changed entries (-before +after):\n%s", diff)
	}

	// A moved deadline moves a pending reminder; a sent entry stays as it
	// went. New entries are counted, moved ones are not.
	alertA := byKey(t, first, a.ID, "G/TBT/N/EU/1123", store.KindAlert)
	if err := s.MarkSent(ctx, []int64{alertA.ID}, "m1", due); err != nil {
		t.Fatal(err)
	}
	sentA, err := s.Delivery(ctx, alertA.ID)
	if err != nil {
		t.Fatal(err)
	}
	moved := due.Add(96 * time.Hour)
	n := enqueue(t, s,
		store.Delivery{SubscriptionID: a.ID, Notification: "G/TBT/N/EU/1123", Kind: store.KindReminder, Created: alertT0.Add(time.Hour), Due: moved},
		store.Delivery{SubscriptionID: a.ID, Notification: "G/TBT/N/EU/1123", Kind: store.KindAlert, Created: alertT0.Add(time.Hour), Due: moved},
		store.Delivery{SubscriptionID: a.ID, Notification: "G/SPS/N/CHN/1301", Kind: store.KindAlert, Due: due},
		// One key twice in a batch is one entry, with the later due.
		store.Delivery{SubscriptionID: b.ID, Notification: "G/SPS/N/CHN/1301", Kind: store.KindAlert, Created: alertT0, Due: due},
		store.Delivery{SubscriptionID: b.ID, Notification: "G/SPS/N/CHN/1301", Kind: store.KindAlert, Created: alertT0, Due: moved},
	)
	if n != 2 {
		t.Errorf("Enqueue of 2 new, 1 moved and 1 sent entry = %d, want 2", n)
	}
	after := deliveriesOf(t, s, a, b)
	if len(after) != 5 {
		t.Fatalf("%d entries, want 5: %+v", len(after), after)
	}
	reminder := byKey(t, after, a.ID, "G/TBT/N/EU/1123", store.KindReminder)
	if !reminder.Due.Equal(moved) || !reminder.Created.Equal(alertT0) {
		t.Errorf("pending reminder after a moved deadline: due %v, created %v; want due %v, created %v as first queued",
			reminder.Due, reminder.Created, moved, alertT0)
	}
	if diff := cmp.Diff(sentA, byKey(t, after, a.ID, "G/TBT/N/EU/1123", store.KindAlert)); diff != "" {
		t.Errorf("a sent entry queued again changed (-before +after):\n%s", diff)
	}
	noTime := byKey(t, after, a.ID, "G/SPS/N/CHN/1301", store.KindAlert)
	if noTime.Created.IsZero() || noTime.Created.Location() != time.UTC {
		t.Errorf("entry queued without a creation time: created %v, want the store's clock", noTime.Created)
	}
	if twice := byKey(t, after, b.ID, "G/SPS/N/CHN/1301", store.KindAlert); !twice.Due.Equal(moved) {
		t.Errorf("key queued twice in a batch: due %v, want the later %v", twice.Due, moved)
	}
	if n, err := s.Enqueue(ctx, nil); err != nil || n != 0 {
		t.Errorf("Enqueue(nil) = %d, %v", n, err)
	}
}

func testEnqueueFailing(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := addSub(t, s, newSub("enqueue-failing"))
	enqueue(t, s, store.Delivery{SubscriptionID: a.ID, Notification: "G/TBT/N/EU/1", Kind: store.KindAlert, Created: alertT0, Due: alertT0})
	before := deliveriesOf(t, s, a)
	counts, err := s.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	good := []store.Delivery{
		{SubscriptionID: a.ID, Notification: "G/TBT/N/EU/2", Kind: store.KindAlert, Created: alertT0, Due: alertT0},
		{SubscriptionID: a.ID, Notification: "G/TBT/N/EU/1", Kind: store.KindAlert, Created: alertT0, Due: alertT0.Add(time.Hour)},
	}
	bad := []struct {
		name string
		d    store.Delivery
	}{
		{"unknown subscription", store.Delivery{SubscriptionID: 1 << 40, Notification: "G/TBT/N/EU/3", Kind: store.KindAlert, Due: alertT0}},
		{"no subscription", store.Delivery{Notification: "G/TBT/N/EU/3", Kind: store.KindAlert, Due: alertT0}},
		{"no notification", store.Delivery{SubscriptionID: a.ID, Kind: store.KindAlert, Due: alertT0}},
		{"unknown kind", store.Delivery{SubscriptionID: a.ID, Notification: "G/TBT/N/EU/3", Kind: "digest", Due: alertT0}},
		{"no due time", store.Delivery{SubscriptionID: a.ID, Notification: "G/TBT/N/EU/3", Kind: store.KindAlert}},
	}
	for _, b := range bad {
		n, err := s.Enqueue(ctx, append(slices.Clone(good), b.d))
		if err == nil {
			t.Errorf("Enqueue, %s = %d, want an error", b.name, n)
		}
	}
	if diff := cmp.Diff(before, deliveriesOf(t, s, a)); diff != "" {
		t.Errorf("failed batches changed entries (-before +after):\n%s", diff)
	}
	if got, err := s.OutboxCounts(ctx); err != nil || !cmp.Equal(counts, got) {
		t.Errorf("OutboxCounts after failed batches = %v, %v; want %v", got, err, counts)
	}
}

// claimOf claims, checking what every claim must be: pending entries, by
// subscription then id.
func claimOf(t *testing.T, s store.Store, now time.Time, lease time.Duration, limit int) []store.Delivery {
	t.Helper()
	ds, err := s.Claim(t.Context(), now, lease, limit)
	if err != nil {
		t.Fatalf("Claim(%v): %v", now, err)
	}
	for i, d := range ds {
		if d.State != store.DeliveryPending {
			t.Errorf("Claim returned entry %d in state %s", d.ID, d.State)
		}
		if i > 0 && (d.SubscriptionID < ds[i-1].SubscriptionID || d.SubscriptionID == ds[i-1].SubscriptionID && d.ID <= ds[i-1].ID) {
			t.Errorf("Claim: entry %d of subscription %d after entry %d of %d: want by subscription, then id",
				d.ID, d.SubscriptionID, ds[i-1].ID, ds[i-1].SubscriptionID)
		}
	}
	return ds
}

// claim claims and returns the ids claimed, sorted.
func claim(t *testing.T, s store.Store, now time.Time, lease time.Duration, limit int) []int64 {
	t.Helper()
	var ids []int64
	for _, d := range claimOf(t, s, now, lease, limit) {
		ids = append(ids, d.ID)
	}
	slices.Sort(ids)
	return ids
}

// queue enqueues one alert per notification for sub, due at due, and
// returns their ids in that order.
func queue(t *testing.T, s store.Store, sub store.Subscription, due time.Time, notifications ...string) []int64 {
	t.Helper()
	var ds []store.Delivery
	for _, n := range notifications {
		ds = append(ds, store.Delivery{SubscriptionID: sub.ID, Notification: n, Kind: store.KindAlert, Created: alertT0, Due: due})
	}
	if n := enqueue(t, s, ds...); n != len(ds) {
		t.Fatalf("Enqueue of %d new entries = %d", len(ds), n)
	}
	var ids []int64
	all := deliveriesOf(t, s, sub)
	for _, n := range notifications {
		ids = append(ids, byKey(t, all, sub.ID, n, store.KindAlert).ID)
	}
	return ids
}

func testClaim(t *testing.T, s store.Store) {
	ctx := t.Context()
	sub := func(token string, status store.SubStatus) store.Subscription {
		x := newSub(token)
		x.Status = status
		return addSub(t, s, x)
	}
	a, b := sub("claim-a", store.SubActive), sub("claim-b", store.SubActive)
	pending, paused := sub("claim-pending", store.SubPending), sub("claim-paused", store.SubPaused)
	gone := sub("claim-gone", store.SubUnsubscribed)
	const lease = 10 * time.Minute
	now := alertT0
	a12 := queue(t, s, a, now, "N/1", "N/2")
	a3 := queue(t, s, a, now.Add(time.Hour), "N/3")[0]
	b1 := queue(t, s, b, now.Add(-time.Hour), "N/1")[0]
	p1 := queue(t, s, pending, now, "N/1")[0]
	queue(t, s, paused, now, "N/1")
	queue(t, s, gone, now, "N/1")

	steps := []struct {
		name string
		do   func() error
		now  time.Time
		want []int64
	}{
		{"due entries of active subscriptions", nil, now, []int64{a12[0], a12[1], b1}},
		{"claimed entries are not claimed again", nil, now, nil},
		{"the claim lasts the lease", nil, now.Add(lease - time.Second), nil},
		{"an expired claim is claimed again", nil, now.Add(lease + time.Second), []int64{a12[0], a12[1], b1}},
		{"confirming a subscription makes its entries claimable",
			func() error { return s.SetSubscriptionStatus(ctx, pending.ID, store.SubActive, now) },
			now.Add(lease + time.Second), []int64{p1}},
		{"a failed entry waits for its next attempt",
			func() error {
				return errors.Join(s.MarkSent(ctx, []int64{p1}, "m", now),
					s.MarkFailed(ctx, []int64{b1}, "timeout", now.Add(65*time.Minute), false))
			},
			now.Add(time.Hour), []int64{a12[0], a12[1], a3}},
		{"and is claimed at it", nil, now.Add(65 * time.Minute), []int64{b1}},
		{"pausing a subscription holds its entries",
			func() error {
				return errors.Join(s.MarkSent(ctx, []int64{b1}, "m", now),
					s.SetSubscriptionStatus(ctx, a.ID, store.SubPaused, now))
			},
			now.Add(3 * time.Hour), nil},
		{"and resuming releases them",
			func() error { return s.SetSubscriptionStatus(ctx, a.ID, store.SubActive, now) },
			now.Add(3 * time.Hour), []int64{a12[0], a12[1], a3}},
		{"sent entries are never claimed",
			func() error { return s.MarkSent(ctx, append(slices.Clone(a12), a3), "m", now) },
			now.Add(24 * time.Hour), nil},
	}
	for _, st := range steps {
		if st.do != nil {
			if err := st.do(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
		}
		got := claim(t, s, st.now, lease, 10)
		slices.Sort(st.want)
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s: Claim at %v (-want +got):\n%s", st.name, st.now, diff)
		}
	}
	for _, bad := range []struct {
		lease time.Duration
		limit int
	}{{lease, 0}, {lease, -1}, {0, 10}, {-time.Second, 10}} {
		if _, err := s.Claim(ctx, now, bad.lease, bad.limit); err == nil {
			t.Errorf("Claim(lease %v, limit %d): no error", bad.lease, bad.limit)
		}
	}
}

func testClaimLimit(t *testing.T, s store.Store) {
	const lease = time.Hour
	now := alertT0
	want := map[int64][]int64{} // the due entries, by subscription
	for i := range 3 {
		sub := addSub(t, s, newSub(fmt.Sprintf("claim-limit-%d", i)))
		want[sub.ID] = queue(t, s, sub, now.Add(time.Duration(-i)*time.Minute), "N/1", "N/2", "N/3")
		queue(t, s, sub, now.Add(time.Minute), "N/later")
	}
	got := map[int64][]int64{}
	for round, limit := range []int{2, 2, 2} {
		claimed := map[int64][]int64{}
		for _, d := range claimOf(t, s, now, lease, limit) {
			claimed[d.SubscriptionID] = append(claimed[d.SubscriptionID], d.ID)
		}
		if len(claimed) > limit {
			t.Errorf("round %d: Claim(limit %d) took entries of %d subscriptions", round, limit, len(claimed))
		}
		for sub, ids := range claimed {
			if _, ok := got[sub]; ok {
				t.Errorf("round %d: subscription %d claimed again, not all of its entries at once", round, sub)
			}
			got[sub] = ids
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("claimed with limit 2, three times (-want +got):\n%s", diff)
	}
}

func delivery(t *testing.T, s store.Store, id int64) store.Delivery {
	t.Helper()
	d, err := s.Delivery(t.Context(), id)
	if err != nil {
		t.Fatalf("Delivery(%d): %v", id, err)
	}
	return d
}

func testOutcomes(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := addSub(t, s, newSub("outcomes"))
	now := alertT0
	const lease = time.Hour
	ids := queue(t, s, a, now, "N/1", "N/2", "N/3")
	e1, e2, e3 := ids[0], ids[1], ids[2]
	if got := claim(t, s, now, lease, 10); !cmp.Equal(got, ids) {
		t.Fatalf("Claim = %v, want %v", got, ids)
	}

	sentAt := now.Add(time.Minute)
	if err := s.MarkSent(ctx, []int64{e1, e2}, "msg-1@stdbridge", sentAt); err != nil {
		t.Fatal(err)
	}
	sent := delivery(t, s, e1)
	want := store.Delivery{ID: e1, SubscriptionID: a.ID, Notification: "N/1", Kind: store.KindAlert, Created: alertT0, Due: now,
		State: store.DeliverySent, Sent: sentAt, MessageID: "msg-1@stdbridge"}
	if diff := cmp.Diff(want, sent); diff != "" {
		t.Errorf("after MarkSent (-want +got):\n%s", diff)
	}
	// A second report (a sender whose lease ran out) changes nothing: the
	// subscriber has the first message, and a sent entry is never requeued.
	if err := s.MarkSent(ctx, []int64{e1}, "msg-2@stdbridge", sentAt.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, []int64{e1}, "late failure", now, false); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sent, delivery(t, s, e1)); diff != "" {
		t.Errorf("a sent entry reported again (-first +now):\n%s", diff)
	}

	// A failure releases the claim: e3 is claimable at its next attempt,
	// long before the lease would have run out.
	next := now.Add(5 * time.Minute)
	if err := s.MarkFailed(ctx, []int64{e3}, "421 try again later", next, false); err != nil {
		t.Fatal(err)
	}
	failed := delivery(t, s, e3)
	if failed.State != store.DeliveryPending || failed.Attempts != 1 || failed.LastError != "421 try again later" || !failed.NextAttempt.Equal(next) {
		t.Errorf("after MarkFailed: %+v", failed)
	}
	if got := claim(t, s, next, lease, 10); !cmp.Equal(got, []int64{e3}) {
		t.Errorf("Claim at the next attempt = %v, want [%d]", got, e3)
	}
	if err := s.MarkFailed(ctx, []int64{e3}, "550 no such user", time.Time{}, true); err != nil {
		t.Fatal(err)
	}
	dead := delivery(t, s, e3)
	if dead.State != store.DeliveryDead || dead.Attempts != 2 || dead.LastError != "550 no such user" {
		t.Errorf("after MarkFailed(dead): %+v", dead)
	}
	if got := claim(t, s, now.Add(48*time.Hour), lease, 10); len(got) != 0 {
		t.Errorf("Claim took dead or sent entries: %v", got)
	}

	retryAt := now.Add(3 * time.Hour)
	if err := s.Retry(ctx, e3, retryAt); err != nil {
		t.Fatal(err)
	}
	retried := delivery(t, s, e3)
	if retried.State != store.DeliveryPending || retried.Attempts != 0 || !retried.Due.Equal(retryAt) || retried.NextAttempt.After(retryAt) {
		t.Errorf("after Retry: %+v; want pending, no attempts, due at %v", retried, retryAt)
	}
	if got := claim(t, s, retryAt, lease, 10); !cmp.Equal(got, []int64{e3}) {
		t.Errorf("Claim after Retry = %v, want [%d]", got, e3)
	}
	for _, id := range []int64{e3, e1, 1 << 40} { // pending, sent, missing
		if err := s.Retry(ctx, id, retryAt); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Retry(%d), not dead: %v, want ErrNotFound", id, err)
		}
	}

	// An unknown id fails the whole call.
	if err := s.MarkSent(ctx, []int64{e3, 1 << 40}, "msg-3", retryAt); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MarkSent with an unknown id: %v, want ErrNotFound", err)
	}
	if err := s.MarkFailed(ctx, []int64{e3, 1 << 40}, "x", retryAt, true); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MarkFailed with an unknown id: %v, want ErrNotFound", err)
	}
	if d := delivery(t, s, e3); d.State != store.DeliveryPending || d.Attempts != 0 {
		t.Errorf("a failed call changed entry %d: %+v", e3, d)
	}
	if err := s.MarkSent(ctx, nil, "msg-4", retryAt); err != nil {
		t.Errorf("MarkSent(nil): %v", err)
	}
}

func testDeliveries(t *testing.T, s store.Store) {
	ctx := t.Context()
	before, err := s.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, b := addSub(t, s, newSub("deliveries-a")), addSub(t, s, newSub("deliveries-b"))
	as := queue(t, s, a, alertT0, "N/1", "N/2", "N/3")
	bs := queue(t, s, b, alertT0, "N/1", "N/2")
	if err := s.MarkSent(ctx, as[1:2], "m", alertT0); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, bs[:1], "gone", time.Time{}, true); err != nil {
		t.Fatal(err)
	}
	desc := func(ids ...int64) []int64 {
		ids = slices.Clone(ids)
		slices.Sort(ids)
		slices.Reverse(ids)
		return ids
	}
	mine := append(slices.Clone(as), bs...)
	filters := []struct {
		f    store.DeliveryFilter
		want []int64
	}{
		{store.DeliveryFilter{}, desc(mine...)},
		{store.DeliveryFilter{SubscriptionID: a.ID}, desc(as...)},
		{store.DeliveryFilter{SubscriptionID: a.ID, Limit: 2}, desc(as...)[:2]},
		{store.DeliveryFilter{SubscriptionID: a.ID, State: store.DeliverySent}, as[1:2]},
		{store.DeliveryFilter{SubscriptionID: a.ID, State: store.DeliveryDead}, nil},
		{store.DeliveryFilter{State: store.DeliveryDead}, bs[:1]},
		{store.DeliveryFilter{State: store.DeliveryPending}, desc(as[0], as[2], bs[1])},
		{store.DeliveryFilter{SubscriptionID: 1 << 40}, nil},
	}
	for _, tt := range filters {
		ds, err := s.Deliveries(ctx, tt.f)
		if err != nil {
			t.Fatalf("Deliveries(%+v): %v", tt.f, err)
		}
		var ids []int64
		for i, d := range ds {
			if i > 0 && d.ID >= ds[i-1].ID {
				t.Errorf("Deliveries(%+v): %d after %d, want newest first", tt.f, d.ID, ds[i-1].ID)
			}
			if tt.f.State != "" && d.State != tt.f.State || tt.f.SubscriptionID != 0 && d.SubscriptionID != tt.f.SubscriptionID {
				t.Errorf("Deliveries(%+v) returned %+v", tt.f, d)
			}
			if d.ID == as[0] {
				if diff := cmp.Diff(delivery(t, s, d.ID), d); diff != "" {
					t.Errorf("Deliveries and Delivery disagree (-Delivery +Deliveries):\n%s", diff)
				}
			}
			ids = append(ids, d.ID)
		}
		if tt.f.Limit > 0 && len(ds) > tt.f.Limit {
			t.Errorf("Deliveries(%+v) returned %d entries", tt.f, len(ds))
		}
		if diff := cmp.Diff(tt.want, only(ids, mine...)); diff != "" {
			t.Errorf("Deliveries(%+v) (-want +got):\n%s", tt.f, diff)
		}
	}
	for _, f := range []store.DeliveryFilter{{State: "lost"}, {Limit: -1}} {
		if _, err := s.Deliveries(ctx, f); err == nil {
			t.Errorf("Deliveries(%+v): no error", f)
		}
	}
	if _, err := s.Delivery(ctx, 1<<40); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Delivery of an unknown id: %v, want ErrNotFound", err)
	}

	// Feedback, given and withdrawn, on an entry whatever its state.
	for _, fb := range []struct {
		notRelevant bool
		at          time.Time
	}{{true, alertT0.Add(time.Hour)}, {false, alertT0.Add(2 * time.Hour)}, {true, alertT0.Add(3 * time.Hour)}} {
		if err := s.SetFeedback(ctx, as[1], fb.notRelevant, fb.at); err != nil {
			t.Fatal(err)
		}
		d := delivery(t, s, as[1])
		if d.NotRelevant != fb.notRelevant || !d.FeedbackAt.Equal(fb.at) || d.State != store.DeliverySent {
			t.Errorf("after SetFeedback(%v, %v): not relevant %v at %v, state %s", fb.notRelevant, fb.at, d.NotRelevant, d.FeedbackAt, d.State)
		}
	}
	if err := s.SetFeedback(ctx, 1<<40, true, alertT0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetFeedback on an unknown id: %v, want ErrNotFound", err)
	}

	after, err := s.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	added := map[store.DeliveryState]int{}
	for st, n := range after {
		added[st] = n - before[st]
	}
	if diff := cmp.Diff(map[store.DeliveryState]int{store.DeliveryPending: 3, store.DeliverySent: 1, store.DeliveryDead: 1}, added); diff != "" {
		t.Errorf("OutboxCounts, change over the test (-want +got):\n%s", diff)
	}
}
