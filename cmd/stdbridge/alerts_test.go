package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/internal/smtptest"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/store/sqlite"
)

// addSubscribers stores confirmed e-mail subscriptions, one per member,
// as the site would after double opt-in.
func addSubscribers(t *testing.T, data string, members ...string) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(data, "stdbridge.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	for i, m := range members {
		sub := store.Subscription{
			Subscription: kb.Subscription{Members: []string{m}},
			Email:        fmt.Sprintf("buyer%d@example.com", i), Lang: "zh", Label: m,
			Frequency: store.Immediately, Channel: store.ChannelEmail,
			FeedToken: fmt.Sprintf("feed-token-%d", i), Status: store.SubPending, Created: now, Updated: now,
		}
		id, err := st.AddSubscription(ctx, sub)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetSubscriptionStatus(ctx, id, store.SubActive, now); err != nil {
			t.Fatal(err)
		}
	}
}

// writeNotifications writes a JSON Lines file of TBT notifications with
// the given symbols.
func writeNotifications(t *testing.T, symbols ...string) string {
	t.Helper()
	var b strings.Builder
	for _, s := range symbols {
		sym, err := kb.ParseSymbol(s)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, `{"kind": "notification", "area": "TBT", "symbol": %q, "member": %q, "distributed": "2026-11-20", "title": "Test notification %s"}`+"\n", s, sym.Member, s)
	}
	path := filepath.Join(t.TempDir(), "notifications.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// told lists, per recipient, the symbols of the messages they received,
// each message's symbols sorted and joined by "+".
func told(t *testing.T, msgs []smtptest.Message, symbols []string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range msgs {
		text, err := smtptest.Text(m)
		if err != nil {
			t.Fatal(err)
		}
		var in []string
		for _, s := range symbols {
			if strings.Contains(text, s) {
				in = append(in, s)
			}
		}
		out[m.To[0]] = append(out[m.To[0]], strings.Join(in, "+"))
	}
	for _, v := range out {
		slices.Sort(v)
	}
	return out
}

// TestAlertsSurviveKill9: the process sending alerts is killed (SIGKILL)
// while a message is in flight; restarted, it sends what was not sent,
// once, and nothing that was.
func TestAlertsSurviveKill9(t *testing.T) {
	srv := smtptest.Start(t)
	data := t.TempDir()
	if _, stderr, code := stdbridge(t, "stats", "-data", data); code != 0 {
		t.Fatalf("stats: %s", stderr)
	}
	addSubscribers(t, data, "EU", "USA")
	alertsRun := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "alerts", "run", "-data", data, "-smtp-host", srv.Host(), "-smtp-port", strconv.Itoa(srv.Port()), "-smtp-tls", "none", "-lease", "2s")
		cmd.Env = append(os.Environ(), asMainEnv+"=1")
		return cmd
	}

	// First round: delivered whole.
	first := []string{"G/TBT/N/EU/9001", "G/TBT/N/USA/9002"}
	if out, stderr, code := stdbridge(t, "import", "-data", data, writeNotifications(t, first...)); code != 0 || !strings.Contains(out, "2 alerts queued") {
		t.Fatalf("import: exit %d\n%s%s", code, out, stderr)
	}
	if out, err := alertsRun().CombinedOutput(); err != nil || !strings.Contains(string(out), "delivered: 2 messages (2 entries)") {
		t.Fatalf("alerts run: %v\n%s", err, out)
	}

	// Second round: killed while the server holds the first message's
	// DATA reply, so the message was never accepted.
	second := []string{"G/TBT/N/EU/9003", "G/TBT/N/EU/9004", "G/TBT/N/USA/9005"}
	if out, stderr, code := stdbridge(t, "import", "-data", data, writeNotifications(t, second...)); code != 0 || !strings.Contains(out, "3 alerts queued") {
		t.Fatalf("import: exit %d\n%s%s", code, out, stderr)
	}
	release := make(chan struct{})
	held := srv.HoldData(release)
	cmd := alertsRun()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-held:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("no message reached DATA")
	}
	cmd.Process.Kill()
	if err := cmd.Wait(); err == nil {
		t.Fatal("alerts run finished before it could be killed")
	}
	srv.Stop() // the held DATA is refused: the server never accepted it
	srv.HoldData(nil)
	srv.Restart()
	close(release)

	// Restarted after the dead process's lease: the rest goes out once.
	time.Sleep(2100 * time.Millisecond)
	if out, err := alertsRun().CombinedOutput(); err != nil || !strings.Contains(string(out), "delivered: 2 messages (3 entries)") {
		t.Fatalf("alerts run after the kill: %v\n%s", err, out)
	}
	if out, err := alertsRun().CombinedOutput(); err != nil || !strings.Contains(string(out), "delivered: 0 messages") {
		t.Fatalf("a further run: %v\n%s", err, out)
	}
	all := append(append([]string{}, first...), second...)
	got := told(t, srv.Messages(), all)
	want := map[string][]string{
		"buyer0@example.com": {"G/TBT/N/EU/9001", "G/TBT/N/EU/9003+G/TBT/N/EU/9004"},
		"buyer1@example.com": {"G/TBT/N/USA/9002", "G/TBT/N/USA/9005"},
	}
	for to, w := range want {
		if !slices.Equal(got[to], w) {
			t.Errorf("%s received %q, want %q", to, got[to], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("messages went to %d addresses, want %d", len(got), len(want))
	}
	out, _, _ := stdbridge(t, "alerts", "status", "-data", data)
	if !strings.Contains(out, "outbox: 0 pending, 5 sent, 0 dead") {
		t.Errorf("status:\n%s", out)
	}
}

func TestEvalAlerts(t *testing.T) {
	out, stderr, code := stdbridge(t, "eval-alerts")
	if code != 0 {
		t.Fatalf("eval-alerts: exit %d: %s", code, stderr)
	}
	re := regexp.MustCompile(`(?m)^(plain|search) folding.*micro precision ([0-9.]+) recall ([0-9.]+)`)
	found := re.FindAllStringSubmatch(out, -1)
	if len(found) != 2 {
		t.Fatalf("eval-alerts printed:\n%s", out)
	}
	plainRecall, _ := strconv.ParseFloat(found[0][3], 64)
	recall, _ := strconv.ParseFloat(found[1][3], 64)
	if recall <= plainRecall {
		t.Errorf("search folding recall %.3f does not beat plain folding's %.3f", recall, plainRecall)
	}
	if _, _, code := stdbridge(t, "eval-alerts", "-set", t.TempDir()); code != 1 {
		t.Errorf("eval-alerts on an empty directory: exit %d, want 1", code)
	}
}
