// Package browser runs tests in a real headless Chromium, driven through
// the DevTools protocol with chromedp.
//
// It uses the Chromium the machine has (Debian's chromium package in CI),
// never one that downloads itself: the tests must run offline and use the
// same browser everywhere. A missing browser fails the test; a skipped
// browser test would pass without proving anything.
//
// Typical use:
//
//	srv := httptest.NewServer(handler)
//	t.Cleanup(srv.Close)
//	b := browser.Start(t)
//	b.Navigate(t, srv.URL+"/search")
//	b.SendKeys(t, "#q", "玩具")
//	b.Submit(t, "#q")
//	got := b.Text(t, ".result-count")
//
// Every helper takes the test, fails it on error and gives the browser at
// most CallTimeout per call.
package browser

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// CallTimeout bounds each call of a helper, so a page that never loads
// fails the test instead of hanging it.
const CallTimeout = 30 * time.Second

// EnvBinary names the environment variable that points at the browser to
// use, as a path or a name on PATH.
const EnvBinary = "STDBRIDGE_CHROMIUM"

// Browser is one headless Chromium process. It embeds its first tab, so
// b.Navigate and the other Tab helpers act on that tab.
type Browser struct {
	*Tab
}

// Start finds Chromium, starts it headless and returns it with its first
// tab open. The browser, its tabs and its profile directory go away when
// the test ends.
func Start(t testing.TB) *Browser {
	t.Helper()
	bin, err := findBinary()
	if err != nil {
		t.Fatalf("browser tests need Chromium: %v. On Debian: apt-get install chromium fonts-noto-cjk", err)
	}
	// A profile of our own, so nothing of the user's leaks in and the
	// directory is gone after the test.
	profile, err := os.MkdirTemp("", "stdbridge-chromium-")
	if err != nil {
		t.Fatalf("browser profile directory: %v", err)
	}
	// chromedp's defaults, then the flags we rely on spelt out, whatever
	// those defaults become.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Headless,
		// CI runs as root in containers, where the sandbox cannot start.
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		// The site is Chinese first; the browser asks for Chinese as a
		// visitor from China would.
		chromedp.Flag("lang", "zh-CN"),
		chromedp.Flag("accept-lang", "zh-CN,zh"),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)

	t.Cleanup(func() {
		// Close gracefully, so Chromium writes no crash report, but do
		// not wait for it forever.
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		if err := chromedp.Cancel(cctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			t.Logf("closing the browser: %v", err)
		}
		ccancel()
		cancel()
		allocCancel() // waits for the process to exit
		if err := removeProfile(profile); err != nil {
			t.Logf("removing the browser profile: %v", err)
		}
	})

	tab := &Tab{ctx: ctx}
	if err := tab.open(cancel); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	return &Browser{Tab: tab}
}

// NewTab opens a tab in a browser context of its own: it has its own
// cookie jar and cache, as a second user on another machine would, so two
// users can be logged in at once. It closes when the test ends.
func (b *Browser) NewTab(t testing.TB) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tab := &Tab{ctx: ctx}
	if err := tab.open(cancel); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return tab
}

// findBinary is EnvBinary if set, else the first of Debian's, Ubuntu's
// and Google's names for the browser found on PATH.
func findBinary() (string, error) {
	if name := os.Getenv(EnvBinary); name != "" {
		p, err := exec.LookPath(name)
		if err != nil {
			return "", errors.New(EnvBinary + "=" + name + " is not an executable")
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("none of chromium, chromium-browser, google-chrome is on PATH and " + EnvBinary + " is not set")
}

// removeProfile removes the profile directory, retrying briefly: helper
// processes of Chromium can still write to it just after the browser
// exits.
func removeProfile(dir string) error {
	var err error
	for range 20 {
		if err = os.RemoveAll(dir); err == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}
