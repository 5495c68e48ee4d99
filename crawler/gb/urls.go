package gb

import (
	"net/url"
	"strconv"
	"strings"
)

// ListKind picks one of the platform's lists (the p.p1 parameter).
type ListKind int

const (
	Mandatory   ListKind = 1 // 强制性国家标准, GB
	Recommended ListKind = 2 // 推荐性国家标准, GB/T
	Guidance    ListKind = 3 // 指导性技术文件, GB/Z
)

// Paths of the platform's pages. The older /bzgk/gb/ paths answer with a
// 301 to these.
const (
	listTypePath = "/bzgk/std/std_list_type"
	detailPath   = "/bzgk/std/newGbInfo"
)

// ListURL is page (1-based) of the list of one kind, newest first, as the
// platform's own menu links it (p.p90=circulation_date&p.p91=desc).
func ListURL(base *url.URL, kind ListKind, page, pageSize int) string {
	if page < 1 {
		page = 1
	}
	if pageSize < 1 {
		pageSize = 10
	}
	q := url.Values{}
	q.Set("p.p1", strconv.Itoa(int(kind)))
	q.Set("p.p90", "circulation_date")
	q.Set("p.p91", "desc")
	q.Set("page", strconv.Itoa(page))
	q.Set("pageSize", strconv.Itoa(pageSize))
	return pageURL(base, listTypePath, q)
}

// DetailURL is the detail page of the standard with the platform's id hcno.
func DetailURL(base *url.URL, hcno string) string {
	return pageURL(base, detailPath, url.Values{"hcno": {hcno}})
}

// pageURL joins path to base keeping any path prefix base has, so a
// fixture server mounted under a prefix works like the real host.
func pageURL(base *url.URL, path string, q url.Values) string {
	u := *base
	u.Path = strings.TrimSuffix(base.Path, "/") + path
	u.RawPath = ""
	u.RawQuery = q.Encode()
	u.Fragment = ""
	return u.String()
}
