package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/ingest"
	"github.com/stdbridge/stdbridge/kb"
	"github.com/stdbridge/stdbridge/mapping"
	"github.com/stdbridge/stdbridge/store"
)

func mappingGlossary() (*mapping.Glossary, error) {
	g, err := content.LoadGlossary()
	if err != nil {
		return nil, err
	}
	return mapping.NewGlossary(g), nil
}

// runSuggest prints the standards most likely to correspond to a
// standard, notification or regulation, with the evidence.
func runSuggest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var limit int
	cfg, fs, err := parseCommand("suggest", args, stderr, true, func(fs *flag.FlagSet) {
		fs.IntVar(&limit, "n", 10, "how many suggestions")
	})
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"suggest: name one standard number, notification symbol or regulation id"}
	}
	if limit < 1 {
		return usageError{"-n must be at least 1"}
	}
	id := fs.Arg(0)
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	g, err := mappingGlossary()
	if err != nil {
		return err
	}
	c, err := mapping.LoadCorpus(ctx, a.Store, g)
	if err != nil {
		return err
	}
	sugs, what, err := suggestFor(ctx, a.Store, c, id, limit)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s — %d suggestions\n", what, len(sugs))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tstandard\tscore\tdegree\ttitle\tevidence")
	for i, s := range sugs {
		title := s.TitleZh
		if title == "" {
			title = s.TitleEn
		}
		var ev []string
		for _, e := range s.Evidence {
			ev = append(ev, fmt.Sprintf("%s %+.1f", e.Kind, e.Weight))
		}
		fmt.Fprintf(tw, "%d\t%s\t%.2f\t%s\t%s\t%s\n", i+1, s.Number, s.Score, s.Degree, title, strings.Join(ev, ", "))
	}
	return tw.Flush()
}

// suggestFor resolves id to a standard, a notification or a regulation.
func suggestFor(ctx context.Context, st store.Reader, c *mapping.Corpus, id string, limit int) ([]mapping.Suggestion, string, error) {
	if _, err := kb.ParseSymbol(id); err == nil {
		n, err := st.Notification(ctx, id)
		if err != nil {
			return nil, "", fmt.Errorf("notification %s: %w", id, err)
		}
		cited := append(append([]string(nil), n.InternationalStandards...), mapping.Cited(n.Title+"\n"+n.Description+"\n"+n.Products)...)
		return c.SuggestForText(n.Title, cited, limit), "notification " + n.Symbol, nil
	}
	r, err := st.Regulation(ctx, id)
	switch {
	case err == nil:
		return c.SuggestForText(r.TitleEn, r.References, limit), "regulation " + r.ID, nil
	case !errors.Is(err, store.ErrNotFound):
		return nil, "", err
	case c.Knows(id):
		sugs, err := c.Suggest(id, limit)
		return sugs, "standard " + id, err
	}
	return nil, "", fmt.Errorf("%q is not a standard number, a WTO symbol or a regulation in the knowledge base", id)
}

// runEvalMappings measures suggestions on true adoption pairs: each GB
// standard's adoption record is hidden and the suggestions for the
// foreign standard must find it again.
func runEvalMappings(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var pairsPath string
	var verbose bool
	cfg, fs, err := parseCommand("eval-mappings", args, stderr, false, func(fs *flag.FlagSet) {
		fs.StringVar(&pairsPath, "pairs", "", "true pairs, foreign-id<TAB>gb-id<TAB>degree (default: the embedded development set)")
		fs.BoolVar(&verbose, "misses", false, "list the pairs not ranked first")
	})
	if err != nil {
		return err
	}
	var data []byte
	if pairsPath == "" {
		data, err = content.MappingPairs()
	} else {
		data, err = os.ReadFile(pairsPath)
	}
	if err != nil {
		return err
	}
	pairs, err := mapping.ReadPairs(bytes.NewReader(data))
	if err != nil {
		return err
	}
	recs, err := evalRecords(ctx, cfg, fs, stderr)
	if err != nil {
		return err
	}
	stds, maps := mapping.Split(recs)
	g, err := mappingGlossary()
	if err != nil {
		return err
	}
	res, err := mapping.Evaluate(stds, maps, g, pairs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "pairs %d\ntop-1 %.2f\nrecall@5 %.2f\n", res.Pairs, res.Top1, res.Recall5)
	if verbose {
		for _, m := range res.Misses {
			fmt.Fprintf(stdout, "  %s → %s (%s): rank %d, first %s\n", m.Foreign, m.Domestic, m.Degree, m.Rank, m.Top)
		}
	}
	return nil
}

// runExportContent writes the approved mappings and the requirement rows
// of the knowledge base back into the content files, so what staff
// curated on the site can be reviewed and kept in version control; the
// files import again with `stdbridge import` (or, embedded, `seed`).
func runExportContent(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var dir string
	cfg, _, err := parseCommand("export-content", args, stderr, false, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "dir", "content/seed", "the content directory to bring up to date")
	})
	if err != nil {
		return err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return usageError{fmt.Sprintf("-dir %s: not a directory", dir)}
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	var recs []kb.Record
	if err := a.Store.Each(ctx, kb.KindMapping, func(r kb.Record) error {
		if r.(*kb.Mapping).Status == kb.MappingApproved {
			recs = append(recs, r)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := a.Store.Each(ctx, kb.KindRequirement, func(r kb.Record) error { recs = append(recs, r); return nil }); err != nil {
		return err
	}
	res, err := ingest.WriteContent(dir, "curated.jsonl", recs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d records: %d unchanged, %d replaced in place, %d added to %s\n", len(recs), res.Unchanged, res.Replaced, res.Added, filepath.Join(dir, "curated.jsonl"))
	for _, f := range res.Files {
		fmt.Fprintln(stdout, "  wrote", f)
	}
	return nil
}
