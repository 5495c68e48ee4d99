package gb

import (
	"net/url"
	"testing"
)

func TestURLs(t *testing.T) {
	real, _ := url.Parse("https://openstd.samr.gov.cn")
	prefixed, _ := url.Parse("http://127.0.0.1:8080/mirror/")
	tests := []struct {
		name, got, want string
	}{
		{"list", ListURL(real, Recommended, 2, 50),
			"https://openstd.samr.gov.cn/bzgk/std/std_list_type?p.p1=2&p.p90=circulation_date&p.p91=desc&page=2&pageSize=50"},
		{"list defaults", ListURL(real, Mandatory, 0, 0),
			"https://openstd.samr.gov.cn/bzgk/std/std_list_type?p.p1=1&p.p90=circulation_date&p.p91=desc&page=1&pageSize=10"},
		{"list under a prefix", ListURL(prefixed, Guidance, 1, 25),
			"http://127.0.0.1:8080/mirror/bzgk/std/std_list_type?p.p1=3&p.p90=circulation_date&p.p91=desc&page=1&pageSize=25"},
		{"detail", DetailURL(real, "C4BFD981E993C417EF475F2A19B681F1"),
			"https://openstd.samr.gov.cn/bzgk/std/newGbInfo?hcno=C4BFD981E993C417EF475F2A19B681F1"},
		{"detail escapes", DetailURL(real, "a&b c"),
			"https://openstd.samr.gov.cn/bzgk/std/newGbInfo?hcno=a%26b+c"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}
