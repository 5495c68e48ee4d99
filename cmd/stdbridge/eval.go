package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/index"
	"github.com/stdbridge/stdbridge/index/baseline"
	"github.com/stdbridge/stdbridge/index/eval"
	"github.com/stdbridge/stdbridge/index/zh"
	"github.com/stdbridge/stdbridge/kb"
)

// runEval measures search relevance on a judged query set, for stdbridge's
// index and, in the same run over the same records, two baselines: bleve's
// cjk analyzer with its default query string, and SQLite FTS5 trigram.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var queriesPath, qrelsPath, set string
	var perQuery bool
	cfg, fs, err := parseCommand("eval", args, stderr, false, func(fs *flag.FlagSet) {
		fs.StringVar(&queriesPath, "queries", "", "queries file, query-id<TAB>text (default: the embedded development set)")
		fs.StringVar(&qrelsPath, "qrels", "", "TREC qrels file, query-id 0 doc-id grade (default: the embedded development set)")
		fs.StringVar(&set, "set", "dev", "embedded relevance set when no files are given: "+strings.Join(content.EvalSets, " or "))
		fs.BoolVar(&perQuery, "per-query", false, "also print every query's figures")
	})
	if err != nil {
		return err
	}
	if (queriesPath == "") != (qrelsPath == "") {
		return usageError{"eval: give both -queries and -qrels, or neither"}
	}
	queries, qrels, err := loadEvalSet(queriesPath, qrelsPath, set)
	if err != nil {
		return err
	}
	recs, err := evalRecords(ctx, cfg, fs, stderr)
	if err != nil {
		return err
	}
	recs = public(recs)
	glossary, err := content.LoadGlossary()
	if err != nil {
		return err
	}
	concepts, words := app.Concepts(glossary)
	if _, err := zh.Load(words); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "stdbridge-eval-")
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	defer os.RemoveAll(tmp)
	engines := []struct {
		name string
		open func() (index.Engine, error)
	}{
		{"stdbridge", func() (index.Engine, error) { return index.NewMemory(index.Options{Glossary: concepts}) }},
		{"bleve-cjk", func() (index.Engine, error) { return baseline.NewCJKMemory() }},
		{"fts5-trigram", func() (index.Engine, error) { return baseline.NewFTS5(filepath.Join(tmp, "fts5.db")) }},
	}
	var reports []eval.NamedReport
	for _, e := range engines {
		eng, err := e.open()
		if err != nil {
			return fmt.Errorf("eval %s: %w", e.name, err)
		}
		start := time.Now()
		if err := eng.Put(ctx, recs...); err != nil {
			eng.Close()
			return fmt.Errorf("eval %s: %w", e.name, err)
		}
		rep, err := eval.Run(ctx, eng, queries, qrels, 100)
		eng.Close()
		if err != nil {
			return fmt.Errorf("eval %s: %w", e.name, err)
		}
		fmt.Fprintf(stderr, "%s: %d records, %d queries in %s\n", e.name, len(recs), len(queries), time.Since(start).Round(time.Millisecond))
		if perQuery {
			fmt.Fprintf(stdout, "== %s\n", e.name)
			if _, err := rep.WriteTo(stdout); err != nil {
				return err
			}
		}
		reports = append(reports, eval.NamedReport{Name: e.name, Report: rep})
	}
	return eval.Compare(stdout, reports...)
}

func loadEvalSet(queriesPath, qrelsPath, set string) ([]eval.Query, eval.Qrels, error) {
	var qb, rb []byte
	var err error
	if queriesPath == "" {
		qb, rb, err = content.EvalSet(set)
	} else {
		if qb, err = os.ReadFile(queriesPath); err == nil {
			rb, err = os.ReadFile(qrelsPath)
		}
	}
	if err != nil {
		return nil, eval.Qrels{}, fmt.Errorf("eval: %w", err)
	}
	queries, err := eval.ReadQueries(bytes.NewReader(qb))
	if err != nil {
		return nil, eval.Qrels{}, fmt.Errorf("eval: queries: %w", err)
	}
	qrels, err := eval.ReadQrels(bytes.NewReader(rb))
	if err != nil {
		return nil, eval.Qrels{}, fmt.Errorf("eval: qrels: %w", err)
	}
	if err := qrels.Check(queries); err != nil {
		return nil, eval.Qrels{}, fmt.Errorf("eval: %w", err)
	}
	return queries, qrels, nil
}

// evalRecords are what an evaluation runs on: without -data the
// embedded seed, with it the store of that data directory.
func evalRecords(ctx context.Context, cfg config, fs *flag.FlagSet, stderr io.Writer) ([]kb.Record, error) {
	fromData := false
	fs.Visit(func(f *flag.Flag) { fromData = fromData || f.Name == "data" })
	if !fromData {
		return content.SeedRecords()
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	var recs []kb.Record
	for _, k := range kb.Kinds {
		if err := a.Store.Each(ctx, k, func(r kb.Record) error { recs = append(recs, r); return nil }); err != nil {
			return nil, err
		}
	}
	return recs, nil
}

// public leaves out the mappings not yet approved, which the site does
// not show or index: every engine is measured on what visitors can find.
func public(recs []kb.Record) []kb.Record {
	out := recs[:0:0]
	for _, r := range recs {
		if m, ok := r.(*kb.Mapping); ok && m.Status != kb.MappingApproved {
			continue
		}
		out = append(out, r)
	}
	return out
}
