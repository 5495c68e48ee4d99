package eping

import (
	"net/url"
	"testing"
)

func TestSearchURL(t *testing.T) {
	api, _ := url.Parse("https://api.wto.org")
	prefixed, _ := url.Parse("http://127.0.0.1:8080/proxy/?x=1#frag")
	tests := []struct {
		name string
		base *url.URL
		q    Query
		want string
	}{
		{"defaults", api, Query{}, "https://api.wto.org/eping/notifications/search?language=1&page=1&pageSize=20"},
		{"window", api, Query{From: "2025-06-01", To: "2025-06-30", Page: 3, PageSize: 100},
			"https://api.wto.org/eping/notifications/search?distributionDateFrom=2025-06-01&distributionDateTo=2025-06-30&language=1&page=3&pageSize=100"},
		{"from only", api, Query{From: "2025-06-01", Page: 2, PageSize: 25},
			"https://api.wto.org/eping/notifications/search?distributionDateFrom=2025-06-01&language=1&page=2&pageSize=25"},
		{"symbol", api, Query{Symbol: " G/TBT/N/USA/9001/Add.1 ", Page: 1, PageSize: 10},
			"https://api.wto.org/eping/notifications/search?documentSymbol=G%2FTBT%2FN%2FUSA%2F9001%2FAdd.1&language=1&page=1&pageSize=10"},
		{"base with path, query and fragment", prefixed, Query{Page: 1, PageSize: 5},
			"http://127.0.0.1:8080/proxy/eping/notifications/search?language=1&page=1&pageSize=5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SearchURL(tt.base, tt.q); got != tt.want {
				t.Errorf("SearchURL = %s\nwant          %s", got, tt.want)
			}
		})
	}
	if api.Path != "" || prefixed.RawQuery != "x=1" {
		t.Error("SearchURL changed its base")
	}
}
