package crawler

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
)

// fetcher gets one URL at a time through a colly collector, adding what
// colly leaves to its callers: retries with capped backoff, Retry-After,
// redirects followed hop by hop (so robots.txt and the rate limit apply to
// each), and a hard cap on body size.
type fetcher struct {
	c   *colly.Collector
	cfg Config

	mu        sync.Mutex
	notBefore map[string]time.Time // host → no request before (Retry-After)
}

// response is what one request returned.
type response struct {
	url    string // after redirects
	status int
	header http.Header
	body   []byte
}

// FetchError is a URL the crawler gave up on, and why.
type FetchError struct {
	URL    string
	Reason string
}

func (e *FetchError) Error() string { return e.URL + ": " + e.Reason }

// maxRedirects bounds a redirect chain, as browsers do.
const maxRedirects = 5

func newFetcher(ctx context.Context, cfg Config) (*fetcher, error) {
	c := colly.NewCollector(
		colly.UserAgent(cfg.UserAgent),
		colly.AllowURLRevisit(),
		// One byte more than allowed, so an oversized body shows as such
		// instead of being cut silently.
		colly.MaxBodySize(int(cfg.MaxBody)+1),
		colly.ParseHTTPErrorResponse(),
		colly.StdlibContext(ctx),
	)
	c.IgnoreRobotsTxt = false // colly ignores robots.txt unless told
	c.SetRequestTimeout(cfg.Timeout)
	if cfg.Transport != nil {
		c.WithTransport(cfg.Transport)
	}
	c.SetRedirectHandler(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: cfg.Parallelism, Delay: cfg.Delay}); err != nil {
		return nil, fmt.Errorf("crawler rate limit: %w", err)
	}
	c.OnResponseHeaders(func(r *colly.Response) {
		if n, err := strconv.ParseInt(r.Headers.Get("Content-Length"), 10, 64); err == nil && n > cfg.MaxBody {
			r.Request.Abort()
			r.Ctx.Put("oversized", true)
		}
	})
	c.OnResponse(func(r *colly.Response) {
		if slot, ok := r.Ctx.GetAny("slot").(*response); ok {
			slot.status, slot.body = r.StatusCode, r.Body
			if r.Headers != nil {
				slot.header = r.Headers.Clone()
			}
		}
	})
	return &fetcher{c: c, cfg: cfg, notBefore: map[string]time.Time{}}, nil
}

// get fetches u with the given request headers. Redirects are followed;
// 429 and 5xx are retried; other 4xx, robots.txt refusals and oversized
// bodies fail at once. A 304 is returned as such.
func (f *fetcher) get(ctx context.Context, u string, hdr http.Header) (*response, error) {
	var last string // why the last attempt failed
	for attempt, hops := 0, 0; ; {
		if err := f.waitHost(ctx, u); err != nil {
			return nil, err
		}
		r, err := f.once(u, hdr)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var retryAfter time.Duration
		switch {
		case errors.Is(err, colly.ErrRobotsTxtBlocked):
			return nil, &FetchError{u, "disallowed by robots.txt"}
		case errors.Is(err, errOversized):
			return nil, &FetchError{u, fmt.Sprintf("body larger than %d bytes", f.cfg.MaxBody)}
		case err != nil:
			last = err.Error()
		case r.status == http.StatusNotModified, r.status >= 200 && r.status < 300:
			if int64(len(r.body)) > f.cfg.MaxBody {
				return nil, &FetchError{u, fmt.Sprintf("body larger than %d bytes", f.cfg.MaxBody)}
			}
			return r, nil
		case r.status >= 300 && r.status < 400 && r.header.Get("Location") != "":
			hops++
			if hops > maxRedirects {
				return nil, &FetchError{u, fmt.Sprintf("more than %d redirects", maxRedirects)}
			}
			next, err := resolve(u, r.header.Get("Location"))
			if err != nil {
				return nil, &FetchError{u, "bad redirect: " + err.Error()}
			}
			u = next
			continue // a hop is not a failed attempt
		case r.status == http.StatusTooManyRequests || r.status >= 500:
			last = fmt.Sprintf("HTTP %d", r.status)
			if d, ok := parseRetryAfter(r.header.Get("Retry-After"), f.cfg.Now()); ok {
				if d > f.cfg.MaxBackoff {
					return nil, &FetchError{u, fmt.Sprintf("HTTP %d, Retry-After %s exceeds the %s cap", r.status, d.Round(time.Second), f.cfg.MaxBackoff)}
				}
				retryAfter = d
				f.holdHost(u, d)
			}
		default:
			return nil, &FetchError{u, fmt.Sprintf("HTTP %d", r.status)}
		}
		attempt++
		if attempt > f.cfg.Retries {
			return nil, &FetchError{u, fmt.Sprintf("gave up after %d attempts: %s", attempt, last)}
		}
		if retryAfter == 0 {
			if err := sleep(ctx, f.backoff(attempt)); err != nil {
				return nil, err
			}
		}
	}
}

var errOversized = errors.New("oversized body")

// once makes one request through colly.
func (f *fetcher) once(u string, hdr http.Header) (*response, error) {
	slot := &response{url: u}
	cctx := colly.NewContext()
	cctx.Put("slot", slot)
	err := f.c.Request(http.MethodGet, u, nil, cctx, hdr.Clone())
	if over, _ := cctx.GetAny("oversized").(bool); over {
		return nil, errOversized
	}
	if err != nil {
		return nil, err
	}
	if slot.status == 0 {
		return nil, errors.New("no response")
	}
	return slot, nil
}

// backoff is capped exponential backoff with full jitter.
func (f *fetcher) backoff(attempt int) time.Duration {
	d := f.cfg.BaseBackoff << min(attempt-1, 20)
	if d <= 0 || d > f.cfg.MaxBackoff {
		d = f.cfg.MaxBackoff
	}
	return d/2 + rand.N(d/2+1)
}

func (f *fetcher) holdHost(u string, d time.Duration) {
	host := hostOf(u)
	f.mu.Lock()
	defer f.mu.Unlock()
	if t := f.cfg.Now().Add(d); t.After(f.notBefore[host]) {
		f.notBefore[host] = t
	}
}

// waitHost waits until the host's Retry-After has passed, so concurrent
// requests to a host that asked for a pause all honour it.
func (f *fetcher) waitHost(ctx context.Context, u string) error {
	f.mu.Lock()
	t := f.notBefore[hostOf(u)]
	f.mu.Unlock()
	return sleep(ctx, t.Sub(f.cfg.Now()))
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return p.Host
}

func resolve(base, ref string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	r, err := url.Parse(ref)
	if err != nil {
		return "", err
	}
	return b.ResolveReference(r).String(), nil
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
