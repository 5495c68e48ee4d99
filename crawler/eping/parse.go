// Package eping reads the WTO ePing notification search API
// (https://api.wto.org/eping/notifications/search): it builds search
// requests and maps result pages to kb.Notification records.
package eping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// SearchPage is one page of results.
type SearchPage struct {
	Total    int                // items matching the query across all pages
	Page     int                // as the API reports it; 0 when it does not
	PageSize int                // as the API reports it; 0 when it does not
	Items    []*kb.Notification // one per item that could be mapped (not normalised)
	Problems []Problem          // items that could not be mapped
}

// Problem is an item of a page that could not be mapped.
type Problem struct {
	Item   int    // 0-based position in the page
	Symbol string // the item's documentSymbol as sent, if any
	Reason string
}

func (p Problem) String() string {
	if p.Symbol != "" {
		return fmt.Sprintf("item %d (%s): %s", p.Item, p.Symbol, p.Reason)
	}
	return fmt.Sprintf("item %d: %s", p.Item, p.Reason)
}

// envelope is a search response: {"currentPage":1,"pageSize":20,
// "totalCount":104818,"items":[…]}. The alternative names are those other
// WTO APIs and versions use; statusCode and message are what the API
// gateway answers with instead when a request is refused.
type envelope struct {
	Items       *[]json.RawMessage `json:"items"` // nil when absent or null
	TotalCount  any                `json:"totalCount"`
	Total       any                `json:"total"`
	CurrentPage any                `json:"currentPage"`
	Page        any                `json:"page"`
	PageSize    any                `json:"pageSize"`
	StatusCode  any                `json:"statusCode"`
	Message     any                `json:"message"`
	Error       any                `json:"error"`
}

// ParseSearchPage reads one page of search results. It fails on what is
// not a whole search page (an HTML error page, a gateway error, truncated
// JSON); an item that cannot be mapped is a Problem, not a failure.
func ParseSearchPage(body []byte) (*SearchPage, error) {
	text := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if len(text) == 0 {
		return nil, errors.New("parse ePing page: empty body")
	}
	if text[0] == '<' {
		return nil, fmt.Errorf("parse ePing page: got HTML, not JSON%s", htmlTitle(text))
	}
	if text[0] != '{' {
		return nil, fmt.Errorf("parse ePing page: JSON is %s, want an object", jsonKind(text))
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var env envelope
	if err := dec.Decode(&env); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("parse ePing page: truncated JSON: %w", err)
		}
		return nil, fmt.Errorf("parse ePing page: %w", err)
	}
	if dec.InputOffset() != int64(len(text)) {
		return nil, errors.New("parse ePing page: data after the JSON object")
	}
	if err := env.apiError(); err != nil {
		return nil, fmt.Errorf("parse ePing page: %w", err)
	}
	page, err := env.page()
	if err != nil {
		return nil, fmt.Errorf("parse ePing page: %w", err)
	}
	return page, nil
}

// apiError reports a gateway or API error answer: no items, but a message.
func (env *envelope) apiError() error {
	if env.Items != nil {
		return nil
	}
	msg := firstText(env.Message, env.Error)
	if msg == "" {
		return nil
	}
	if code := textOf(env.StatusCode); code != "" {
		return fmt.Errorf("API error %s: %s", code, truncate(msg, 200))
	}
	return fmt.Errorf("API error: %s", truncate(msg, 200))
}

func (env *envelope) page() (*SearchPage, error) {
	totalV := env.TotalCount
	if totalV == nil {
		totalV = env.Total
	}
	if totalV == nil {
		return nil, errors.New("not a search page: no totalCount")
	}
	total, err := count(totalV)
	if err != nil {
		return nil, fmt.Errorf("totalCount: %w", err)
	}
	p := &SearchPage{Total: total}
	pageV := env.CurrentPage
	if pageV == nil {
		pageV = env.Page
	}
	if p.Page, err = optCount(pageV); err != nil {
		return nil, fmt.Errorf("currentPage: %w", err)
	}
	if p.PageSize, err = optCount(env.PageSize); err != nil {
		return nil, fmt.Errorf("pageSize: %w", err)
	}

	var raws []json.RawMessage
	if env.Items != nil {
		raws = *env.Items
	} else if total > 0 {
		return nil, fmt.Errorf("not a search page: no items, but totalCount %d", total)
	}
	for i, raw := range raws {
		it, err := decodeItem(raw)
		if err != nil {
			p.Problems = append(p.Problems, Problem{Item: i, Reason: err.Error()})
			continue
		}
		n, err := it.notification()
		if err != nil {
			p.Problems = append(p.Problems, Problem{Item: i, Symbol: it.symbolText(), Reason: err.Error()})
			continue
		}
		p.Items = append(p.Items, n)
	}
	return p, nil
}

// count reads a non-negative whole number sent as a number or a string.
func count(v any) (int, error) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	default:
		return 0, fmt.Errorf("%s is not a number", jsonValueKind(v))
	}
	// 20.0 is a whole number too, as float-minded serialisers write it.
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) {
		return 0, fmt.Errorf("%q is not a whole number", truncate(s, 30))
	}
	if f < 0 || f > 1<<40 {
		return 0, fmt.Errorf("%s is out of range", truncate(s, 30))
	}
	return int(f), nil
}

func optCount(v any) (int, error) {
	if v == nil {
		return 0, nil
	}
	return count(v)
}

func jsonValueKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "a value"
}

var reTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// htmlTitle quotes an HTML page's title, which usually says what went
// wrong ("503 Service Unavailable").
func htmlTitle(page []byte) string {
	if m := reTitle.FindSubmatch(page); m != nil {
		if t := oneLine(string(m[1])); t != "" {
			return fmt.Sprintf(" (page title %q)", truncate(t, 100))
		}
	}
	return ""
}
