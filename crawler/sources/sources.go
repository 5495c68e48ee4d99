// Package sources lists the crawler's sources by name, for the command
// line and the scheduled crawl.
package sources

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stdbridge/stdbridge/crawler"
	"github.com/stdbridge/stdbridge/crawler/eping"
	"github.com/stdbridge/stdbridge/crawler/feed"
	"github.com/stdbridge/stdbridge/crawler/gb"
	"github.com/stdbridge/stdbridge/crawler/iso"
	"github.com/stdbridge/stdbridge/crawler/tris"
)

// All returns every source, in the order a full crawl runs them: the
// standards first, so notifications that cite them find them.
func All() []crawler.Source {
	return []crawler.Source{iso.Source{}, gb.Source{}, eping.Source{}, tris.Source{}, feed.Source{}}
}

// NeedsURL names the sources that have no default address (a feed is
// whatever URL it is given); a crawl of all sources leaves them out.
var NeedsURL = []string{"feed"}

// Names lists the sources' names in crawl order.
func Names() []string {
	var out []string
	for _, s := range All() {
		out = append(out, s.Name())
	}
	return out
}

// Select resolves a comma-separated list of names ("" = every source with
// a default address).
func Select(list string) ([]crawler.Source, error) {
	all := All()
	if strings.TrimSpace(list) == "" {
		var out []crawler.Source
		for _, s := range all {
			if !slices.Contains(NeedsURL, s.Name()) {
				out = append(out, s)
			}
		}
		return out, nil
	}
	var out []crawler.Source
	for _, name := range strings.Split(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		i := slices.IndexFunc(all, func(s crawler.Source) bool { return s.Name() == name })
		if i < 0 {
			return nil, fmt.Errorf("unknown source %q (want %s)", name, strings.Join(Names(), ", "))
		}
		if !slices.ContainsFunc(out, func(s crawler.Source) bool { return s.Name() == name }) {
			out = append(out, all[i])
		}
	}
	return out, nil
}
