package site

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/stdbridge/stdbridge/store"
	"github.com/stdbridge/stdbridge/templates"
)

// adminListed is how many dead letters and sent entries the admins' page
// lists, the newest.
const adminListed = 100

// alertAdminRoutes registers the admins' view of the alerts: how many
// subscriptions and outbox entries there are, the dead letters to retry,
// and what went out lately.
func (s *server) alertAdminRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin/alerts", s.auth.Require(store.RoleAdmin, http.HandlerFunc(s.alertsAdminPage)))
	mux.Handle("POST /admin/alerts/retry", s.auth.Require(store.RoleAdmin, http.HandlerFunc(s.retryDelivery)))
}

func (s *server) alertsAdminPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	v := templates.AlertsAdminView{CSRF: s.auth.Token(r)}
	subs, err := s.alerts.Subscriptions(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	bySub := make(map[int64]string, len(subs)) // subscription id → address
	byStatus := map[store.SubStatus]int{}
	for _, sub := range subs {
		bySub[sub.ID] = sub.Email
		byStatus[sub.Status]++
	}
	for _, st := range []store.SubStatus{store.SubPending, store.SubActive, store.SubPaused, store.SubUnsubscribed} {
		v.Subs = append(v.Subs, templates.AlertCount{Status: string(st), N: byStatus[st]})
	}
	outbox, err := s.alerts.OutboxCounts(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, st := range []store.DeliveryState{store.DeliveryPending, store.DeliverySent, store.DeliveryDead} {
		v.Outbox = append(v.Outbox, templates.AlertCount{Status: string(st), N: outbox[st]})
	}
	for _, l := range []struct {
		state store.DeliveryState
		into  *[]templates.AdminDelivery
	}{{store.DeliveryDead, &v.Dead}, {store.DeliverySent, &v.Sent}} {
		ds, err := s.alerts.Deliveries(ctx, store.DeliveryFilter{State: l.state, Limit: adminListed})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, d := range ds {
			*l.into = append(*l.into, templates.AdminDelivery{D: d, Email: bySub[d.SubscriptionID]})
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, templates.AlertsAdminPage(s.page(r, t("alerts.adminTitle"), ""), v))
}

// retryDelivery puts a dead letter back in the queue, due now.
func (s *server) retryDelivery(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := translator(langFrom(ctx))
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil {
		s.badRequest(w, r, t("alerts.badID"))
		return
	}
	if err := s.alerts.Retry(ctx, id, s.now()); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			// Gone, or no longer dead (retried from another tab).
			s.notFound(w, r, t("alerts.notDead"))
			return
		}
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/alerts", http.StatusSeeOther)
}
