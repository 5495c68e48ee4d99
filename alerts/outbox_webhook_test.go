package alerts

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// TestWebhookThroughOutbox: a receiver that fails once gets the alert on
// the retry, under the same delivery id, correctly signed, and only once.
func TestWebhookThroughOutbox(t *testing.T) {
	type call struct {
		id, timestamp, signature string
		body                     []byte
	}
	var mu sync.Mutex
	var calls []call
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, call{r.Header.Get(HeaderDelivery), r.Header.Get(HeaderTimestamp), r.Header.Get(HeaderSignature), body})
		if len(calls) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer receiver.Close()

	f := newFixture(t)
	f.del.Senders[store.ChannelWebhook] = NewWebhookSender(WebhookOptions{AllowPrivate: true, Timeout: 5 * time.Second})
	const secret = "receiver-secret-0123456789"
	id := f.subscribe(t, store.Subscription{Subscription: kb.Subscription{Members: []string{"EU"}}})
	sub, err := f.st.Subscription(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	sub.Channel, sub.WebhookURL, sub.WebhookSecret = store.ChannelWebhook, receiver.URL+"/hook", secret
	if err := f.st.UpdateSubscription(t.Context(), sub); err != nil {
		t.Fatal(err)
	}
	f.apply(t, note("G/TBT/N/EU/9001", "EU", "Toy safety", nil, ""))
	f.run(t)

	if d := f.deliver(t); d.Failed != 1 {
		t.Fatalf("first attempt (503): %+v", d)
	}
	f.clock.Set("2026-11-23 10:05", t)
	if d := f.deliver(t); d.Messages != 1 {
		t.Fatalf("retry: %+v", d)
	}
	f.clock.Set("2026-11-24 10:05", t)
	if d := f.deliver(t); d.Messages != 0 {
		t.Fatalf("delivered again: %+v", d)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(calls) != 2 {
		t.Fatalf("%d calls, want 2 (a failure, then the delivery)", len(calls))
	}
	if calls[0].id == "" || calls[0].id != calls[1].id {
		t.Errorf("delivery ids %q then %q: a retry must carry the same id", calls[0].id, calls[1].id)
	}
	last := calls[1]
	if !VerifySignature(secret, last.timestamp, string(last.body), last.signature) {
		t.Errorf("signature %q does not verify", last.signature)
	}
	var payload struct {
		Items []struct {
			Kind         string
			Notification struct{ Symbol string }
		}
	}
	if err := json.Unmarshal(last.body, &payload); err != nil || len(payload.Items) != 1 || payload.Items[0].Notification.Symbol != "G/TBT/N/EU/9001" || payload.Items[0].Kind != "alert" {
		t.Errorf("payload %s (%v)", last.body, err)
	}
}
