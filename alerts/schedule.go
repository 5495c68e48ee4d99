package alerts

import (
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
)

// ChinaTime is the subscribers' clock: digests and reminders go out at a
// fixed hour of China Standard Time (UTC+8, no daylight saving).
var ChinaTime = time.FixedZone("CST", 8*60*60)

// Schedule says when digests and reminders are due.
type Schedule struct {
	Location *time.Location // nil: ChinaTime
	Hour     int            // digests and reminders at Hour:00 local time
	Weekday  time.Weekday   // weekly digests on this day
}

// DefaultSchedule sends digests at 08:00 China time, weekly ones on Mondays,
// so they are read at the start of the working day.
func DefaultSchedule() Schedule { return Schedule{Location: ChinaTime, Hour: 8, Weekday: time.Monday} }

func (s Schedule) loc() *time.Location {
	if s.Location == nil {
		return ChinaTime
	}
	return s.Location
}

// Due is when an alert matched at now goes out at frequency f: now, or the
// next digest time strictly after now.
func (s Schedule) Due(f store.Frequency, now time.Time) time.Time {
	if f != store.Daily && f != store.Weekly {
		return now
	}
	local := now.In(s.loc())
	at := time.Date(local.Year(), local.Month(), local.Day(), s.Hour, 0, 0, 0, s.loc())
	for !at.After(now) || f == store.Weekly && at.Weekday() != s.Weekday {
		at = at.AddDate(0, 0, 1)
	}
	return at.UTC()
}

// Reminder is when to remind of a comment deadline days ahead: at the
// schedule's hour, days before the deadline day (local time), or now if
// that is past. ok is false when there is nothing to remind of: no
// reminders asked, no deadline, or the deadline day is over.
func (s Schedule) Reminder(deadline kb.Date, days int, now time.Time) (time.Time, bool) {
	d := deadline.Time()
	if days <= 0 || d.IsZero() || len(deadline) != len("2006-01-02") {
		return time.Time{}, false
	}
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, s.loc())
	if !now.Before(day.AddDate(0, 0, 1)) {
		return time.Time{}, false
	}
	at := time.Date(d.Year(), d.Month(), d.Day()-days, s.Hour, 0, 0, 0, s.loc())
	if at.Before(now) {
		return now, true
	}
	return at.UTC(), true
}

// DaysLeft counts the calendar days (local time) from now to the deadline
// day: 0 on the day itself, negative once it is over.
func (s Schedule) DaysLeft(deadline kb.Date, now time.Time) int {
	d := deadline.Time()
	local := now.In(s.loc())
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
	return int(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Sub(today).Hours() / 24)
}
