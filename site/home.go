package site

import (
	"net/http"
	"sort"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

const (
	homeLatest = 10 // latest notifications on the home page
	homeOpen   = 15 // notifications open for comment on the home page
	// homeOpenScan bounds the notifications read to find the open ones;
	// the store lists them newest first, and open ones are recent.
	homeOpenScan = 500
)

func (s *server) homePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	stats, err := s.store.Stats(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	today := s.today()
	latest, err := s.store.Notifications(ctx, store.NotificationFilter{Limit: homeLatest})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// The store filters by date; OpenForComment also drops deadlines that
	// give only a month, which cannot be counted down.
	candidates, err := s.store.Notifications(ctx, store.NotificationFilter{DeadlineFrom: dateOf(today), Limit: homeOpenScan})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	topics, err := s.store.Topics(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var open []templates.NotificationItem
	for _, n := range candidates {
		if n.OpenForComment(today) {
			open = append(open, s.notificationItem(n, today))
		}
	}
	sort.SliceStable(open, func(i, j int) bool {
		if open[i].DaysLeft != open[j].DaysLeft {
			return open[i].DaysLeft < open[j].DaysLeft
		}
		return open[i].N.Key() < open[j].N.Key()
	})
	if len(open) > homeOpen {
		open = open[:homeOpen]
	}
	v := templates.HomeView{
		Open:   open,
		Guides: s.guides.All(langFrom(ctx)),
		Topics: topics,
	}
	for _, k := range kb.Kinds {
		v.Counts = append(v.Counts, templates.KindCount{Kind: k, Count: stats.Kinds[k]})
	}
	if !stats.LastChange.IsZero() {
		v.LastChange = stats.LastChange.UTC().Format(time.DateOnly)
	}
	for _, n := range latest {
		v.Latest = append(v.Latest, s.notificationItem(n, today))
	}
	p := s.page(r, "", "home")
	s.render(w, r, http.StatusOK, templates.HomePage(p, v))
}

func (s *server) notificationItem(n *kb.Notification, today time.Time) templates.NotificationItem {
	it := templates.NotificationItem{N: n, Open: n.OpenForComment(today)}
	if it.Open {
		it.DaysLeft = daysUntil(n.CommentDeadline, today)
	}
	return it
}

// daysUntil counts whole days from today to a full date.
func daysUntil(d kb.Date, today time.Time) int {
	return int(d.Time().Sub(today).Hours() / 24)
}

func dateOf(t time.Time) kb.Date { return kb.Date(t.Format(time.DateOnly)) }
