package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Tab is one browser tab. Its helpers take CSS selectors, wait until the
// element is there (up to CallTimeout) and fail the test on error. A Tab
// is not safe for concurrent use: its actions share one page.
type Tab struct {
	ctx context.Context // chromedp context of the tab
}

// open makes the tab exist, and the browser with it for the first tab.
// That first action ties the browser or tab to the context it runs on, so
// it runs on the tab's own context, and a watchdog stands in for the
// per-call timeout: cancel ends the tab (or browser) if it hangs.
func (tb *Tab) open(cancel context.CancelFunc) error {
	var timedOut atomic.Bool
	watchdog := time.AfterFunc(CallTimeout, func() {
		timedOut.Store(true)
		cancel()
	})
	err := chromedp.Do(tb.ctx)
	watchdog.Stop()
	if timedOut.Load() {
		return fmt.Errorf("no answer within %v", CallTimeout)
	}
	return err
}

// Run runs chromedp actions in the tab, in order, for the actions the
// helpers below do not cover.
func (tb *Tab) Run(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, CallTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// Get runs one chromedp action that returns a value, such as
// chromedp.Title() or chromedp.Evaluate[int](...), and returns the value.
func Get[T any](t testing.TB, tb *Tab, action chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, CallTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

// load runs the actions, waits until the page they cause has loaded and
// returns its HTTP status (0 when there was no HTTP response, as for a
// fragment link). Actions that load no page fail after CallTimeout.
func (tb *Tab) load(t testing.TB, what string, actions ...chromedp.Action[chromedp.Void]) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, CallTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		t.Fatalf("browser: %s: %v", what, err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// Navigate loads url and returns the HTTP status of the page.
func (tb *Tab) Navigate(t testing.TB, url string) int {
	t.Helper()
	return tb.load(t, "navigate to "+url, chromedp.Navigate(url))
}

// Click clicks the element, a link or a submit button, and waits for the
// page it loads; it returns that page's HTTP status. To click something
// that loads no page, use Run with chromedp.Click.
func (tb *Tab) Click(t testing.TB, sel string) int {
	t.Helper()
	return tb.load(t, "click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// Submit submits the form of the element sel (a form or a control in
// one), as pressing Enter in it would, and waits for the page it loads;
// it returns that page's HTTP status.
func (tb *Tab) Submit(t testing.TB, sel string) int {
	t.Helper()
	return tb.load(t, "submit "+sel, chromedp.Submit(chromedp.CSS(sel)))
}

// SetValue sets the value of a form control directly, replacing what it
// held. No key events are sent.
func (tb *Tab) SetValue(t testing.TB, sel, value string) {
	t.Helper()
	tb.Run(t, chromedp.SetValue(chromedp.CSS(sel), value))
}

// SendKeys focuses the element and types text into it, key by key, after
// what it already holds.
func (tb *Tab) SendKeys(t testing.TB, sel, text string) {
	t.Helper()
	tb.Run(t, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// WaitVisible waits until the element is in the page and visible.
func (tb *Tab) WaitVisible(t testing.TB, sel string) {
	t.Helper()
	tb.Run(t, chromedp.WaitVisible(chromedp.CSS(sel)))
}

// Text is the rendered text (innerText) of the first element matching
// sel, waiting for it to be there.
func (tb *Tab) Text(t testing.TB, sel string) string {
	t.Helper()
	return Get(t, tb, chromedp.Text(chromedp.CSS(sel)))
}

// Attr is the value of the attribute name of the first element matching
// sel, and whether it has it.
func (tb *Tab) Attr(t testing.TB, sel, name string) (string, bool) {
	t.Helper()
	r := Get(t, tb, chromedp.AttributeValue(chromedp.CSS(sel), name))
	return r.Value, r.Exists
}

// Count is how many elements match sel now; it does not wait.
func (tb *Tab) Count(t testing.TB, sel string) int {
	t.Helper()
	q, err := json.Marshal(sel)
	if err != nil {
		t.Fatalf("browser: selector %q: %v", sel, err)
	}
	return Get(t, tb, chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%s).length", q)))
}

// Location is the URL of the page the tab shows.
func (tb *Tab) Location(t testing.TB) string {
	t.Helper()
	return Get(t, tb, chromedp.Location())
}

// Screenshot writes what the tab shows (the 1280x900 viewport) to path as
// a PNG.
func (tb *Tab) Screenshot(t testing.TB, path string) {
	t.Helper()
	png := Get(t, tb, chromedp.CaptureScreenshot())
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("write screenshot: %v", err)
	}
}

// Cookie is the value of the cookie name that the tab's page can see, and
// whether there is one.
func (tb *Tab) Cookie(t testing.TB, name string) (string, bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, CallTimeout)
	defer cancel()
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{})
	if err != nil {
		t.Fatalf("browser: cookies: %v", err)
	}
	for _, c := range res.Cookies {
		if c.Name == name {
			return c.Value, true
		}
	}
	return "", false
}
