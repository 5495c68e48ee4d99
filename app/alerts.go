package app

import (
	"context"
	"fmt"
	"time"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/index"
)

// AlertQueue returns a queue that matches notification changes against
// the subscriptions, with keywords folded and expanded as search does:
// Chinese segmented, traditional read as simplified, English stemmed,
// glossary terms of either language standing for one concept.
func (a *App) AlertQueue(now func() time.Time) (*alerts.Queue, error) {
	fold, err := index.NewAlertFolder(a.concepts)
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	return alerts.NewQueue(a.Store, fold, alerts.DefaultSchedule(), now), nil
}

// QueueAlerts queues the alerts the store's latest changes call for.
func (a *App) QueueAlerts(ctx context.Context) (alerts.QueueResult, error) {
	q, err := a.AlertQueue(nil)
	if err != nil {
		return alerts.QueueResult{}, err
	}
	return q.Run(ctx)
}
