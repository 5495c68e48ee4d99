// Command stdbridge runs the stdbridge knowledge base: its web site and
// the commands that import, export and inspect the data.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `stdbridge — foreign standards and WTO notifications, mapped to GB

Usage:
  stdbridge serve  [-data DIR] [-addr HOST:PORT]   run the site (imports the seed on first start)
  stdbridge import [-data DIR] FILE...             import JSON Lines or ePing CSV/XLSX exports
  stdbridge crawl  [-source S,...] [-since DATE] [-base-url URL]
                                                    gather notifications and standards from their sites
  stdbridge export [-data DIR] [-o FILE]          write the knowledge base as JSON Lines
  stdbridge stats  [-data DIR]                     count records per kind, member and publisher
  stdbridge seed   [-data DIR]                     re-apply the embedded seed
  stdbridge reindex [-data DIR]                    rebuild the search index; a running server swaps to it
  stdbridge eval   [-set dev|holdout | -queries F -qrels F] [-data DIR]
                                                    search relevance: nDCG@10, MRR, Recall@20 vs two baselines
  stdbridge bench  [-docs N | -corpus DIR]          indexing rate, query latency, memory vs the cjk baseline
  stdbridge bench-pages [-data DIR] [-n N]          latency (p50/p90/p99/max) and size of the main pages, served for real
  stdbridge suggest [-n N] ID                      GB standards likely to correspond to a standard, notification
                                                    or regulation (or foreign ones for a GB standard), with evidence
  stdbridge eval-mappings [-pairs FILE] [-misses]  top-1 and recall@5 of suggestions on true adoption pairs
  stdbridge export-content [-dir content/seed]     write approved mappings and requirement rows back into the content files
  stdbridge user add|passwd|disable|enable|list    staff accounts and roles (stdbridge user help)
  stdbridge alerts run|status|retry                match and deliver notification alerts (stdbridge alerts help)
  stdbridge eval-alerts [-set DIR] [-v]            precision and recall of alert matching on judged subscriptions

Every flag can also be set by an environment variable: -data is STDBRIDGE_DATA,
-addr is STDBRIDGE_ADDR. The default data directory is ./stdbridge-data.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "stdbridge:", err)
		}
		os.Exit(exitCode(err))
	}
}

// usageError marks a mistake in how the command was called (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "import":
		return runImport(ctx, rest, stdout, stderr)
	case "crawl":
		return runCrawl(ctx, rest, stdout, stderr)
	case "export":
		return runExport(ctx, rest, stdout, stderr)
	case "stats":
		return runStats(ctx, rest, stdout, stderr)
	case "seed":
		return runSeed(ctx, rest, stdout, stderr)
	case "reindex":
		return runReindex(ctx, rest, stdout, stderr)
	case "eval":
		return runEval(ctx, rest, stdout, stderr)
	case "suggest":
		return runSuggest(ctx, rest, stdout, stderr)
	case "eval-mappings":
		return runEvalMappings(ctx, rest, stdout, stderr)
	case "export-content":
		return runExportContent(ctx, rest, stdout, stderr)
	case "bench":
		return runBench(ctx, rest, stdout, stderr)
	case "bench-pages":
		return runBenchPages(ctx, rest, stdout, stderr)
	case "alerts":
		return runAlerts(ctx, rest, stdout, stderr)
	case "eval-alerts":
		return runEvalAlerts(ctx, rest, stdout, stderr)
	case "user":
		return runUser(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}
