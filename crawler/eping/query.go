package eping

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// SearchPath is the search endpoint under the API root.
const SearchPath = "/eping/notifications/search"

// Query is one request to the search API.
type Query struct {
	From, To kb.Date // distributionDateFrom / distributionDateTo, inclusive; "" = unbounded
	Symbol   string  // documentSymbol: one notification by its symbol
	Page     int     // 1-based
	PageSize int
}

// DefaultPageSize is the page size of a Query that sets none: the API's
// own default as far as we know (its maximum appears to be 100).
const DefaultPageSize = 20

// SearchURL is the search request for q under base (the API root, e.g.
// https://api.wto.org): base/eping/notifications/search with language=1
// (English), page, pageSize and, when set, distributionDateFrom,
// distributionDateTo and documentSymbol. The parameters are in
// alphabetical order (url.Values.Encode), so one query is always one URL,
// which the crawler's conditional-request cache keys on.
func SearchURL(base *url.URL, q Query) string {
	u := *base
	u.Path = strings.TrimRight(u.Path, "/") + SearchPath
	u.RawPath = ""
	u.Fragment, u.RawFragment = "", ""
	page, size := q.Page, q.PageSize
	if page < 1 {
		page = 1
	}
	if size < 1 {
		size = DefaultPageSize
	}
	v := url.Values{}
	v.Set("language", "1")
	v.Set("page", strconv.Itoa(page))
	v.Set("pageSize", strconv.Itoa(size))
	for _, p := range [...]struct{ name, v string }{
		{"distributionDateFrom", string(q.From)},
		{"distributionDateTo", string(q.To)},
		{"documentSymbol", strings.TrimSpace(q.Symbol)},
	} {
		if p.v != "" {
			v.Set(p.name, p.v)
		}
	}
	u.RawQuery = v.Encode()
	return u.String()
}
