package site

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

const (
	homeOpen = 15 // notifications open for comment on the home page
	// homeOpenScan bounds the notifications read to find the open ones;
	// the store lists them newest first, and open ones are recent.
	homeOpenScan = 500
	// homeWeekDays is "this week": today and the six days before, by
	// distribution date.
	homeWeekDays = 7
	// homeWeekMembers is how many members the week's table lists; the
	// rest are summed up under it.
	homeWeekMembers = 12
)

// homePage is the exporter's morning dashboard: what was notified this
// week, what closes for comment soon, which standards were withdrawn or
// replaced lately, and the visitor's own alerts. All of it is counted
// from the store on the site's clock.
func (s *server) homePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	today := s.today()
	v, err := s.homeView(ctx, today, lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if s.desk != nil {
		if v.Subs, err = s.visitorSubs(w, r); err != nil {
			s.serverError(w, r, err)
			return
		}
		if v.Subs.Email != "" {
			// The page names an address and its alerts: no shared cache
			// may keep it.
			w.Header().Set("Cache-Control", "private, no-store")
		}
	}
	s.render(w, r, http.StatusOK, templates.HomePage(s.page(r, "", "home"), v))
}

// homeView is the dashboard but for the visitor's alerts.
func (s *server) homeView(ctx context.Context, today time.Time, lang string) (templates.HomeView, error) {
	var v templates.HomeView
	stats, err := s.store.Stats(ctx)
	if err != nil {
		return v, fmt.Errorf("home: stats: %w", err)
	}
	for _, k := range kb.Kinds {
		v.Counts = append(v.Counts, templates.KindCount{Kind: k, Count: stats.Kinds[k]})
	}
	if !stats.LastChange.IsZero() {
		v.LastChange = dateOf(stats.LastChange.UTC())
	}
	if v.Week, err = s.weekCounts(ctx, today, lang); err != nil {
		return v, err
	}
	if v.Open, err = s.closingSoon(ctx, today); err != nil {
		return v, err
	}
	changed, err := s.changed.get(ctx, s.store, stats, today)
	if err != nil {
		return v, err
	}
	v.ChangedFrom = dateOf(today.AddDate(0, 0, -homeChangedDays))
	v.Changed = changed
	if len(changed) > homeChanged {
		v.Changed, v.MoreChanged = changed[:homeChanged], len(changed)-homeChanged
	}
	if v.Topics, err = s.store.Topics(ctx); err != nil {
		return v, fmt.Errorf("home: topics: %w", err)
	}
	v.Guides = s.guides.All(lang)
	return v, nil
}

// weekCounts counts the notifications distributed in the last
// homeWeekDays days by member and by HS section, each count with the
// search that lists the same notifications (the search reads a date that
// gives only a month as its first day, and so does this count).
func (s *server) weekCounts(ctx context.Context, today time.Time, lang string) (templates.WeekCounts, error) {
	from := today.AddDate(0, 0, -(homeWeekDays - 1))
	w := templates.WeekCounts{From: dateOf(from), To: dateOf(today)}
	ns, err := s.store.Notifications(ctx, store.NotificationFilter{DistributedFrom: w.From})
	if err != nil {
		return w, fmt.Errorf("home: this week's notifications: %w", err)
	}
	byMember := map[string]int{}
	var bySection [len(hsSections)]int
	for _, n := range ns {
		if d := n.Distributed.Time(); d.Before(from) || d.After(today) {
			continue
		}
		w.Total++
		byMember[n.Member]++
		secs := sectionsOf(n)
		if len(secs) == 0 {
			w.NoHS++
		}
		for _, i := range secs {
			bySection[i]++
		}
	}
	week := searchParams{kinds: []kb.Kind{kb.KindNotification}, from: w.From, to: w.To}
	w.URL = week.pageURL(1)
	w.LatestURL = searchParams{kinds: []kb.Kind{kb.KindNotification}}.pageURL(1)
	t := translator(lang)
	for code, n := range byMember {
		c := templates.LinkedCount{Label: templates.MemberName(code, lang), Count: n}
		if code == "" {
			c.Label = t("home.unknownMember")
		} else {
			c.URL = week.with("member", code).pageURL(1)
		}
		w.Members = append(w.Members, c)
	}
	slices.SortFunc(w.Members, byCountThenLabel)
	if len(w.Members) > homeWeekMembers {
		for _, c := range w.Members[homeWeekMembers:] {
			w.OtherMembers++
			w.OtherCount += c.Count
		}
		w.Members = w.Members[:homeWeekMembers]
	}
	for i, n := range bySection {
		if n == 0 {
			continue
		}
		sec := hsSections[i]
		w.Sectors = append(w.Sectors, templates.LinkedCount{Label: sec.name(lang), Count: n,
			URL: week.with("hs_chapter", sec.chapters()...).pageURL(1)})
	}
	// Stable: sections with equal counts stay in the tariff's order.
	slices.SortStableFunc(w.Sectors, func(a, b templates.LinkedCount) int { return cmp.Compare(b.Count, a.Count) })
	return w, nil
}

func byCountThenLabel(a, b templates.LinkedCount) int {
	if c := cmp.Compare(b.Count, a.Count); c != 0 {
		return c
	}
	return cmp.Compare(a.Label, b.Label)
}

// with is p with a facet's values selected (and nothing else changed).
func (p searchParams) with(facet string, values ...string) searchParams {
	c := p.clone()
	if c.filters == nil {
		c.filters = map[string][]string{}
	}
	c.filters[facet] = values
	return c
}

// closingSoon are the notifications open for comment, closing soonest
// first, with the days left.
func (s *server) closingSoon(ctx context.Context, today time.Time) ([]templates.NotificationItem, error) {
	// The store filters by date; OpenForComment also drops deadlines that
	// give only a month, which cannot be counted down.
	candidates, err := s.store.Notifications(ctx, store.NotificationFilter{DeadlineFrom: dateOf(today), Limit: homeOpenScan})
	if err != nil {
		return nil, fmt.Errorf("home: notifications open for comment: %w", err)
	}
	var open []templates.NotificationItem
	for _, n := range candidates {
		if n.OpenForComment(today) {
			open = append(open, s.notificationItem(n, today))
		}
	}
	slices.SortStableFunc(open, func(a, b templates.NotificationItem) int {
		if c := cmp.Compare(a.DaysLeft, b.DaysLeft); c != 0 {
			return c
		}
		return cmp.Compare(a.N.Key(), b.N.Key())
	})
	if len(open) > homeOpen {
		open = open[:homeOpen]
	}
	return open, nil
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
