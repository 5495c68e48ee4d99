package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/stdbridge/stdbridge/app"
)

// config holds what every command may be told, from flags or STDBRIDGE_*
// environment variables (flags win).
type config struct {
	DataDir string
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

// parseCommand parses a command's flags: the shared ones, plus those extra
// adds. Positional arguments are an error unless the command takes them.
func parseCommand(name string, args []string, stderr io.Writer, takesArgs bool, extra func(*flag.FlagSet)) (config, *flag.FlagSet, error) {
	var cfg config
	fs := newFlagSet(name, stderr, &cfg)
	if extra != nil {
		extra(fs)
	}
	if err := parseFlags(fs, args); err != nil {
		return cfg, fs, err
	}
	if !takesArgs && fs.NArg() > 0 {
		return cfg, fs, usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return cfg, fs, cfg.validate()
}

// openApp opens the data directory, logging to stderr.
func openApp(ctx context.Context, cfg config, stderr io.Writer, mode app.IndexMode) (*app.App, error) {
	return app.Open(ctx, app.Config{DataDir: cfg.DataDir, Logger: newLogger(stderr), Index: mode})
}
