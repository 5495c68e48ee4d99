package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/site"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var addr string
	cfg, _, err := parseCommand("serve", args, stderr, false, func(fs *flag.FlagSet) {
		fs.StringVar(&addr, "addr", envOr("STDBRIDGE_ADDR", "127.0.0.1:8080"), "address to listen on (STDBRIDGE_ADDR)")
	})
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
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler: site.New(site.Config{
			Store:  a.Store,
			Search: a.Index,
			Guides: a.Guides,
			Logger: log,
			Now:    time.Now,
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
