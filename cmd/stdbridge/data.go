package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/kb"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseCommand("import", args, stderr, true, nil)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"import: name at least one file (JSON Lines, ePing CSV or XLSX)"}
	}
	a, err := openApp(ctx, cfg, stderr, app.IndexIfFree)
	if err != nil {
		return err
	}
	defer a.Close()
	results, err := ingest.ImportFiles(ctx, a.Store, fs.Args()...)
	if err != nil {
		return err
	}
	for _, res := range results {
		fmt.Fprintf(stdout, "%s: %d records: %d new, %d updated, %d unchanged\n", res.Path, res.Records, res.Inserted, res.Updated, res.Unchanged)
	}
	if err := reportAlerts(ctx, a, stdout); err != nil {
		return err
	}
	return reportSync(ctx, a, stdout)
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var out *string
	cfg, _, err := parseCommand("export", args, stderr, false, func(fs *flag.FlagSet) {
		out = fs.String("o", "-", "output file (- for standard output); written whole or not at all")
	})
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	if *out == "-" {
		return ingest.Export(ctx, a.Store, stdout)
	}
	return ingest.ExportFile(ctx, a.Store, *out)
}

func runStats(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, _, err := parseCommand("stats", args, stderr, false, nil)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	st, err := a.Store.Stats(ctx)
	if err != nil {
		return err
	}
	topics, err := a.Store.Topics(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "records per kind:")
	for _, k := range kb.Kinds {
		fmt.Fprintf(stdout, "  %-34s %6d\n", k, st.Kinds[k])
	}
	comparisons := 0
	for _, t := range topics {
		if len(t.Sources) >= 2 {
			comparisons++
		}
	}
	fmt.Fprintf(stdout, "  %-34s %6d  (requirement topics with two or more sources)\n", "comparisons", comparisons)
	fmt.Fprintf(stdout, "notifications per area:\n")
	for _, area := range []kb.Area{kb.AreaTBT, kb.AreaSPS, kb.AreaTRIS} {
		fmt.Fprintf(stdout, "  %-34s %6d\n", area, st.Areas[area])
	}
	fmt.Fprintf(stdout, "notifications per member (%d members):\n", len(st.Members))
	printCounts(stdout, st.Members, func(code string) string { return kb.LookupMember(code).En })
	fmt.Fprintf(stdout, "standards per publisher (%d publishers):\n", len(st.Publishers))
	printCounts(stdout, st.Publishers, nil)
	return nil
}

// printCounts prints a count table, largest first, ties by name.
func printCounts(w io.Writer, counts map[string]int, label func(string) string) {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		name := k
		if label != nil && label(k) != k {
			name = k + " " + label(k)
		}
		fmt.Fprintf(w, "  %-34s %6d\n", name, counts[k])
	}
}

func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, _, err := parseCommand("seed", args, stderr, false, nil)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr, app.IndexIfFree)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.Seed(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seed: %d new, %d updated, %d unchanged\n", res.Inserted, res.Updated, res.Unchanged)
	return reportSync(ctx, a, stdout)
}

// reportSync brings the index up to date, or says that the running server
// that holds it will.
// reportAlerts queues the alerts what was just written calls for; the
// server (or stdbridge alerts run) delivers them.
func reportAlerts(ctx context.Context, a *app.App, stdout io.Writer) error {
	res, err := a.QueueAlerts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "alerts: %d notifications matched against the subscriptions, %d alerts queued\n", res.Notifications, res.Queued)
	return nil
}

func reportSync(ctx context.Context, a *app.App, stdout io.Writer) error {
	if a.Index == nil {
		fmt.Fprintln(stdout, "index: in use by a running server, which applies the changes itself")
		return nil
	}
	n, err := a.SyncIndex(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "index: %d changes applied\n", n)
	return nil
}

func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, _, err := parseCommand("reindex", args, stderr, false, nil)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.Reindex(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reindex: %d records into %s in %s (%.0f records/s); a running server swaps to it within seconds\n",
		res.Records, res.Generation, res.Took.Round(time.Millisecond), float64(res.Records)/res.Took.Seconds())
	return nil
}
