package alerts

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/internal/smtptest"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// TestOutboxSurvivesSMTPOutage: the SMTP server is down when alerts fall due; they wait
// and are retried, and when it is back every subscriber gets each alert
// exactly once.
func TestOutboxSurvivesSMTPOutage(t *testing.T) {
	srv := smtptest.Start(t)
	f := newFixture(t)
	transport, err := NewSMTP(SMTPConfig{Host: srv.Host(), Port: srv.Port(), TLS: SMTPNoTLS, From: "stdbridge <alerts@stdbridge.test>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	f.del.Senders[store.ChannelEmail] = EmailSender{Transport: transport}

	var subs []int64
	for i, member := range []string{"EU", "USA", "EU"} {
		subs = append(subs, f.subscribe(t, store.Subscription{
			Email: fmt.Sprintf("buyer%d@example.com", i), Label: fmt.Sprintf("sub %d", i),
			Subscription: kb.Subscription{Members: []string{member}},
		}))
	}
	f.apply(t,
		note("G/TBT/N/EU/9001", "EU", "Toy safety", nil, ""),
		note("G/TBT/N/EU/9002", "EU", "Batteries", nil, ""),
		note("G/TBT/N/USA/9003", "USA", "Ride-on toys", nil, ""),
	)
	f.run(t)

	srv.Stop()
	for i := range 3 { // three attempts while it is down, each after its backoff
		f.clock.Set(fmt.Sprintf("2026-11-23 10:%02d", i*10), t)
		if d := f.deliver(t); d.Failed != 3 || d.Messages != 0 {
			t.Fatalf("attempt %d with the server down: %+v, want 3 failed", i+1, d)
		}
	}
	srv.Restart()
	f.clock.Set("2026-11-23 11:00", t)
	if d := f.deliver(t); d.Messages != 3 || d.Entries != 5 {
		t.Fatalf("server back: %+v, want 3 messages of 5 entries", d)
	}
	f.clock.Set("2026-11-24 11:00", t)
	if d := f.deliver(t); d.Messages != 0 {
		t.Fatalf("delivered again: %+v", d)
	}
	msgs := srv.WaitFor(3, 5*time.Second)
	time.Sleep(100 * time.Millisecond) // nothing more may arrive
	if msgs = srv.Messages(); len(msgs) != 3 {
		t.Fatalf("%d messages accepted, want 3", len(msgs))
	}
	got := map[string]string{}
	for _, m := range msgs {
		if len(m.To) != 1 {
			t.Fatalf("recipients %q", m.To)
		}
		text, err := smtptest.Text(m)
		if err != nil {
			t.Fatal(err)
		}
		var syms []string
		for _, s := range []string{"G/TBT/N/EU/9001", "G/TBT/N/EU/9002", "G/TBT/N/USA/9003"} {
			if strings.Contains(text, s) {
				syms = append(syms, s)
			}
		}
		if _, dup := got[m.To[0]]; dup {
			t.Errorf("%s got two messages", m.To[0])
		}
		got[m.To[0]] = strings.Join(syms, " ")
	}
	want := map[string]string{
		"buyer0@example.com": "G/TBT/N/EU/9001 G/TBT/N/EU/9002",
		"buyer1@example.com": "G/TBT/N/USA/9003",
		"buyer2@example.com": "G/TBT/N/EU/9001 G/TBT/N/EU/9002",
	}
	for to, syms := range want {
		if got[to] != syms {
			t.Errorf("%s was told of %q, want %q", to, got[to], syms)
		}
	}
	for _, id := range subs {
		es, err := f.st.Deliveries(t.Context(), store.DeliveryFilter{SubscriptionID: id})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if e.State != store.DeliverySent || e.Attempts != 3 {
				t.Errorf("subscription %d entry %d: %s after %d failed attempts, want sent after 3", id, e.ID, e.State, e.Attempts)
			}
		}
	}
}
