package alerts

import (
	"testing"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// cst reads a China Standard Time clock reading.
func cst(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, ChinaTime)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestScheduleDue(t *testing.T) {
	s := DefaultSchedule()
	for _, tc := range []struct {
		f        store.Frequency
		now, due string
	}{
		{store.Immediately, "2026-11-23 15:30", "2026-11-23 15:30"},
		{store.Daily, "2026-11-23 07:59", "2026-11-23 08:00"},
		{store.Daily, "2026-11-23 08:00", "2026-11-24 08:00"}, // strictly after: this morning's digest has gone
		{store.Daily, "2026-11-23 23:30", "2026-11-24 08:00"},
		{store.Daily, "2026-12-31 12:00", "2027-01-01 08:00"},
		{store.Weekly, "2026-11-23 07:00", "2026-11-23 08:00"}, // a Monday
		{store.Weekly, "2026-11-23 09:00", "2026-11-30 08:00"},
		{store.Weekly, "2026-11-28 10:00", "2026-11-30 08:00"}, // Saturday
	} {
		got := s.Due(tc.f, cst(t, tc.now))
		if want := cst(t, tc.due); !got.Equal(want) {
			t.Errorf("Due(%s, %s) = %s, want %s", tc.f, tc.now, got.In(ChinaTime).Format(time.DateTime), tc.due)
		}
	}
}

func TestScheduleReminder(t *testing.T) {
	s := DefaultSchedule()
	for _, tc := range []struct {
		deadline kb.Date
		days     int
		now      string
		want     string // "" when no reminder
	}{
		{"2026-12-10", 7, "2026-11-23 10:00", "2026-12-03 08:00"},
		{"2026-12-10", 1, "2026-11-23 10:00", "2026-12-09 08:00"},
		{"2026-12-10", 7, "2026-12-05 10:00", "2026-12-05 10:00"}, // late: remind now
		{"2026-12-10", 7, "2026-12-10 23:59", "2026-12-10 23:59"}, // the deadline day itself still counts
		{"2026-12-10", 7, "2026-12-11 00:00", ""},                 // over
		{"2026-12-10", 0, "2026-11-23 10:00", ""},                 // no reminders asked
		{"", 7, "2026-11-23 10:00", ""},
		{"2026-12", 7, "2026-11-23 10:00", ""}, // a month is no deadline to count down to
	} {
		got, ok := s.Reminder(tc.deadline, tc.days, cst(t, tc.now))
		switch {
		case tc.want == "" && ok:
			t.Errorf("Reminder(%s, %d, %s) = %s, want none", tc.deadline, tc.days, tc.now, got)
		case tc.want != "" && (!ok || !got.Equal(cst(t, tc.want))):
			t.Errorf("Reminder(%s, %d, %s) = %s, %v; want %s", tc.deadline, tc.days, tc.now, got.In(ChinaTime), ok, tc.want)
		}
	}
}

func TestDaysLeft(t *testing.T) {
	s := DefaultSchedule()
	for _, tc := range []struct {
		now  string
		want int
	}{
		{"2026-12-09 23:59", 1},
		{"2026-12-10 00:01", 0},
		{"2026-12-03 07:00", 7},
		{"2026-12-11 09:00", -1},
	} {
		if got := s.DaysLeft("2026-12-10", cst(t, tc.now)); got != tc.want {
			t.Errorf("DaysLeft(2026-12-10, %s) = %d, want %d", tc.now, got, tc.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tk, err := NewTokens([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	tok := tk.Sign(PurposeUnsubscribe, "42")
	if v, err := tk.Verify(PurposeUnsubscribe, tok); err != nil || v != "42" {
		t.Fatalf("Verify = %q, %v", v, err)
	}
	other, _ := NewTokens([]byte("another secret of at least 32 bytes!"))
	for name, bad := range map[string]func() (string, error){
		"other purpose": func() (string, error) { return tk.Verify(PurposeFeedback, tok) },
		"other secret":  func() (string, error) { return other.Verify(PurposeUnsubscribe, tok) },
		"altered value": func() (string, error) { return tk.Verify(PurposeUnsubscribe, "NDM"+tok[2:]) },
		"no MAC":        func() (string, error) { return tk.Verify(PurposeUnsubscribe, "NDI") },
		"empty":         func() (string, error) { return tk.Verify(PurposeUnsubscribe, "") },
	} {
		if v, err := bad(); err == nil {
			t.Errorf("%s: verified as %q", name, v)
		}
	}
	if _, err := NewTokens([]byte("short")); err == nil {
		t.Error("NewTokens accepted a 5-byte secret")
	}
}
