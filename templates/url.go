package templates

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// EscapeID turns a record key into the tail of a URL path that the site's
// {id...} routes decode back to the same key. Keys hold slashes and spaces
// (GB/T 19001-2016, G/TBT/N/EU/1123/Add.2): slashes stay slashes so URLs
// read naturally, and each segment is escaped. A key with an empty, "." or
// ".." segment would be rewritten by path cleaning, so such a key is
// escaped whole, slashes and dots included.
func EscapeID(id string) string {
	segs := strings.Split(id, "/")
	for _, s := range segs {
		if s == "" || s == "." || s == ".." {
			return strings.ReplaceAll(url.PathEscape(id), ".", "%2E")
		}
	}
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// StandardURL is the page of a standard.
func StandardURL(number string) string { return "/standards/" + EscapeID(number) }

// NotificationURL is the page of a notification.
func NotificationURL(key string) string { return "/notifications/" + EscapeID(key) }

// RegulationURL is the page of a regulation.
func RegulationURL(id string) string { return "/regulations/" + EscapeID(id) }

// MappingURL is the page of one mapping.
func MappingURL(foreign, domestic string) string {
	return "/mapping?foreign=" + url.QueryEscape(foreign) + "&domestic=" + url.QueryEscape(domestic)
}

// CompareURL is the comparison table of a requirement topic.
func CompareURL(topic string) string { return "/compare?topic=" + url.QueryEscape(topic) }

// GuideURL is the page of a guide.
func GuideURL(slug string) string { return "/guides/" + url.PathEscape(slug) }

// SearchURL is a page of search results; kind may be empty, page 1 is left out.
func SearchURL(q, kind string, page int) string {
	v := url.Values{}
	v.Set("q", q)
	if kind != "" {
		v.Set("kind", kind)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return "/search?" + v.Encode()
}

// RecordURL is the page showing a record of any kind, given its key.
func RecordURL(kind kb.Kind, key string) string {
	switch kind {
	case kb.KindStandard:
		return StandardURL(key)
	case kb.KindNotification:
		return NotificationURL(key)
	case kb.KindRegulation:
		return RegulationURL(key)
	case kb.KindMapping:
		if f, d, ok := strings.Cut(key, " ~ "); ok {
			return MappingURL(f, d)
		}
		return "/mappings"
	case kb.KindRequirement:
		// source | topic | parameter | scope: the row lives in its topic's table.
		parts := strings.Split(key, " | ")
		if len(parts) >= 2 {
			return CompareURL(parts[1])
		}
		return "/compare"
	}
	return "/"
}

// CurateHistoryURL is a mapping's versions page for staff.
func CurateHistoryURL(foreign, domestic string) string {
	return "/curate/history?foreign=" + url.QueryEscape(foreign) + "&domestic=" + url.QueryEscape(domestic)
}

// CurateEditURL is the form that edits a mapping.
func CurateEditURL(foreign, domestic string) string {
	return "/curate/mapping?foreign=" + url.QueryEscape(foreign) + "&domestic=" + url.QueryEscape(domestic)
}
