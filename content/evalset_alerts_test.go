package content_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
)

// alertSet reads the alert development set (eval/alerts) with its
// judgments, and the seed notifications it was judged on.
func alertSet(t *testing.T) ([]alerts.Judged, []*kb.Notification) {
	t.Helper()
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join("eval", "alerts", name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	js, err := alerts.ReadJudged(open("subscriptions.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := alerts.ReadExpected(open("expected.tsv"), js); err != nil {
		t.Fatal(err)
	}
	recs, err := content.SeedRecords()
	if err != nil {
		t.Fatal(err)
	}
	var ns []*kb.Notification
	for _, r := range recs {
		if n, ok := r.(*kb.Notification); ok {
			ns = append(ns, n)
		}
	}
	return js, ns
}

// The set is well formed: every subscription is valid and has a need, and
// every expected match is a seed notification.
func TestAlertSetWellFormed(t *testing.T) {
	js, ns := alertSet(t)
	keys := map[string]bool{}
	for _, n := range ns {
		keys[n.Key()] = true
	}
	for _, j := range js {
		s := j.Subscription
		if err := s.Normalize(); err != nil {
			t.Errorf("%s: %v", j.Name, err)
		}
		if j.Need == "" {
			t.Errorf("%s: no need", j.Name)
		}
		for _, k := range j.Expected {
			if !keys[k] {
				t.Errorf("%s expects %s, which is not a seed notification", j.Name, k)
			}
		}
	}
}

// What the alert folder must keep on the development set (micro
// averages). Recall falls short of the 0.85 aimed at because of the
// subscriptions' conditions, not the folding: see eval/alerts/README.md.
const (
	minAlertPrecision = 0.85
	minAlertRecall    = 0.70
)

// Keyword folding like search's, with the shipped glossary, meets the
// judgments better than the plain folder; the report says where it does
// not (go test -run TestAlertSetEvaluation -v ./content).
func TestAlertSetEvaluation(t *testing.T) {
	js, ns := alertSet(t)
	g, err := content.LoadGlossary()
	if err != nil {
		t.Fatal(err)
	}
	var concepts []index.Concept
	for _, e := range g.Entries {
		concepts = append(concepts, index.Concept{Zh: e.Zh, En: e.En})
	}
	fold, err := index.NewAlertFolder(concepts)
	if err != nil {
		t.Fatal(err)
	}
	plain := alerts.Evaluate(js, ns, nil)
	folded := alerts.Evaluate(js, ns, fold)
	t.Logf("plain folder:\n%s", plain)
	t.Logf("alert folder:\n%s", folded)
	t.Logf("micro precision/recall: plain %.3f/%.3f, alert folder %.3f/%.3f",
		plain.Micro.Precision, plain.Micro.Recall, folded.Micro.Precision, folded.Micro.Recall)
	if p, r := folded.Micro.Precision, folded.Micro.Recall; p < minAlertPrecision || r < minAlertRecall {
		t.Errorf("alert folder: micro precision %.3f, recall %.3f; want at least %.2f, %.2f", p, r, minAlertPrecision, minAlertRecall)
	}
	if folded.Micro.Recall <= plain.Micro.Recall || folded.Micro.Precision < plain.Micro.Precision {
		t.Errorf("alert folder %.3f/%.3f does not beat the plain folder %.3f/%.3f", folded.Micro.Precision, folded.Micro.Recall, plain.Micro.Precision, plain.Micro.Recall)
	}
}
