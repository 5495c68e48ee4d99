package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/auth"
	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/mapping"
	"github.com/stdbridge/stdbridge/site"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var addr string
	var every time.Duration
	var secure bool
	var cf crawlFlags
	var af alertFlags
	var alertsEvery time.Duration
	cfg, _, err := parseCommand("serve", args, stderr, false, func(fs *flag.FlagSet) {
		fs.StringVar(&addr, "addr", envOr("STDBRIDGE_ADDR", "127.0.0.1:8080"), "address to listen on (STDBRIDGE_ADDR)")
		fs.DurationVar(&every, "crawl-every", 0, "crawl the sources now and then on this schedule, e.g. 6h (0: never)")
		fs.BoolVar(&secure, "secure-cookies", envOr("STDBRIDGE_SECURE_COOKIES", "") != "", "mark sign-in cookies Secure: set it when the site is served over HTTPS (STDBRIDGE_SECURE_COOKIES)")
		cf.register(fs, "crawl-")
		fs.DurationVar(&alertsEvery, "alerts-every", 30*time.Second, "match new notifications and deliver due alerts this often")
		af.register(fs, "")
	})
	if err != nil {
		return err
	}
	if alertsEvery < time.Second {
		return usageError{"-alerts-every must be at least 1s"}
	}
	if af.baseURL == "" {
		af.baseURL = "http://" + addr
	}
	if every < 0 || (every > 0 && every < time.Minute) {
		return usageError{"-crawl-every must be at least 1m"}
	}
	jobs, ccfg, err := cf.jobs()
	if err != nil {
		return err
	}
	log := newLogger(stderr)
	start := time.Now()
	a, err := app.Open(ctx, app.Config{DataDir: cfg.DataDir, Logger: log, Index: app.IndexRequired})
	if err != nil {
		return err
	}
	defer a.Close()
	followCtx, stopFollow := context.WithCancel(ctx)
	defer stopFollow()
	go a.Follow(followCtx, 2*time.Second)
	if every > 0 {
		ccfg.Logger = log
		go crawlEvery(followCtx, crawler.New(a.Store, ccfg), jobs, every, log)
	}
	glossary, err := mappingGlossary()
	if err != nil {
		return err
	}
	secret, err := sessionSecret(cfg.DataDir)
	if err != nil {
		return err
	}
	signIn, err := auth.New(a.Store, auth.Options{Secret: secret, Secure: secure})
	if err != nil {
		return err
	}
	alertParts, err := newAlertParts(a, cfg.DataDir, af, log)
	if err != nil {
		return err
	}
	go alertParts.every(followCtx, alertsEvery, log)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler: site.New(site.Config{
			Store:    a.Store,
			Search:   a.Index,
			Guides:   a.Guides,
			Crawls:   a.Store,
			Mappings: mapping.NewCache(a.Store, glossary, 10*time.Second),
			Auth:     signIn,
			Secure:   secure,
			Writer:   a.Store,
			History:  a.Store,
			Alerts:   a.Store,
			Desk:     alertParts.desk,
			Logger:   log,
			Now:      time.Now,
			Ready: func(context.Context) error {
				_, err := a.Index.Current().Count()
				return err
			},
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	log.Info("ready", "url", "http://"+ln.Addr().String()+"/", "data", cfg.DataDir, "startup", time.Since(start).Round(time.Millisecond))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shut down: %w", err)
	}
	log.Info("stopped")
	return nil
}

// crawlEvery crawls at once, then every interval, one crawl at a time;
// the server's index follows the store's change log, so what a crawl
// brings is searchable within seconds. Each run is recorded in the store,
// which the site's sources page shows.
func crawlEvery(ctx context.Context, c *crawler.Crawler, jobs []crawler.Job, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := c.Run(ctx, jobs); err != nil && ctx.Err() == nil {
			log.Error("scheduled crawl", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// sessionSecret is the key that signs sign-in forms: made once per data
// directory and kept there, so forms stay valid across restarts.
func sessionSecret(dataDir string) ([]byte, error) {
	path := filepath.Join(dataDir, "session.key")
	if b, err := os.ReadFile(path); err == nil && len(b) >= 32 {
		return b, nil
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("session key: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("session key: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, key, 0o600); err != nil {
		return nil, fmt.Errorf("session key: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("session key: %w", err)
	}
	return key, nil
}
