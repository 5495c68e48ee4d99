package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
)

// config holds what every command may be told, from flags or STDBRIDGE_*
// environment variables (flags win).
type config struct {
	DataDir string
	Addr    string
}

func newFlagSet(name string, stderr io.Writer, cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet("stdbridge "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.DataDir, "data", envOr("STDBRIDGE_DATA", "stdbridge-data"), "data directory (STDBRIDGE_DATA)")
	return fs
}

func envOr(key, def string) string {
	if v := strings.TrimSpace(os.Getenv(key)); v != "" {
		return v
	}
	return def
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

func (c config) validate() error {
	if strings.TrimSpace(c.DataDir) == "" {
		return usageError{"-data must not be empty"}
	}
	return nil
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func noArgs(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}
