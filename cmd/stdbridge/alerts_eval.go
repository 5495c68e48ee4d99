package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/stdbridge/stdbridge/alerts"
	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/kb"
)

// runEvalAlerts measures alert matching on a judged set of subscriptions
// against the seed's notifications: precision and recall with the
// product's folding and, as the baseline, plain folding.
func runEvalAlerts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var dir string
	var verbose bool
	_, _, err := parseCommand("eval-alerts", args, stderr, false, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "set", "", "a directory holding subscriptions.jsonl and expected.tsv (default: the embedded development set)")
		fs.BoolVar(&verbose, "v", false, "per subscription, with the false positives and negatives")
	})
	if err != nil {
		return err
	}
	var subs, expected []byte
	if dir == "" {
		subs, expected, err = content.AlertSet()
	} else {
		if subs, err = os.ReadFile(filepath.Join(dir, "subscriptions.jsonl")); err == nil {
			expected, err = os.ReadFile(filepath.Join(dir, "expected.tsv"))
		}
	}
	if err != nil {
		return err
	}
	js, err := alerts.ReadJudged(bytes.NewReader(subs))
	if err != nil {
		return err
	}
	if err := alerts.ReadExpected(bytes.NewReader(expected), js); err != nil {
		return err
	}
	recs, err := content.SeedRecords()
	if err != nil {
		return err
	}
	var ns []*kb.Notification
	for _, r := range recs {
		if n, ok := r.(*kb.Notification); ok {
			ns = append(ns, n)
		}
	}
	g, err := content.LoadGlossary()
	if err != nil {
		return err
	}
	concepts, _ := app.Concepts(g)
	fold, err := index.NewAlertFolder(concepts)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d subscriptions, %d notifications\n", len(js), len(ns))
	for _, e := range []struct {
		name string
		fold alerts.Folder
	}{{"plain folding (baseline)", nil}, {"search folding (stdbridge)", fold}} {
		r := alerts.Evaluate(js, ns, e.fold)
		if verbose {
			fmt.Fprintf(stdout, "\n%s\n%s", e.name, r)
		}
		fmt.Fprintf(stdout, "%-28s micro precision %.3f recall %.3f · macro precision %.3f recall %.3f\n", e.name, r.Micro.Precision, r.Micro.Recall, r.Macro.Precision, r.Macro.Recall)
	}
	return nil
}
