package tris

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/stdbridge/stdbridge/internal/golden"
	"github.com/stdbridge/stdbridge/kb"
)

func marshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func TestParseListGolden(t *testing.T) {
	for _, name := range []string{"list", "list_empty"} {
		t.Run(name, func(t *testing.T) {
			p, err := ParseList(golden.Read(t, name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			for i, n := range p.Items {
				c := *n
				if err := c.Normalize(); err != nil {
					t.Errorf("item %d (%s) does not normalise: %v", i, n.Symbol, err)
				}
			}
			golden.Check(t, name+".golden", marshal(t, p))
		})
	}
}

func TestParseDetailGolden(t *testing.T) {
	for _, name := range []string{"detail", "detail_emergency"} {
		t.Run(name, func(t *testing.T) {
			n, err := ParseDetail(golden.Read(t, name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			c := *n
			if err := c.Normalize(); err != nil {
				t.Errorf("does not normalise: %v", err)
			}
			golden.Check(t, name+".golden", marshal(t, n))
		})
	}
}

// TestParseErrors checks that what is not a whole page of the right kind
// is refused, with a message that says why.
func TestParseErrors(t *testing.T) {
	list, detail := golden.Read(t, "list.html"), golden.Read(t, "detail.html")
	tests := []struct {
		name  string
		parse func([]byte) error
		body  []byte
	}{
		{"list/empty body", parseListErr, nil},
		{"list/truncated", parseListErr, list[:len(list)/2]},
		{"list/json", parseListErr, []byte(`{"items":[],"total":0}`)},
		{"list/error page", parseListErr, golden.Read(t, "error.html")},
		{"list/detail page", parseListErr, detail},
		{"detail/empty body", parseDetailErr, []byte(" \n")},
		{"detail/truncated", parseDetailErr, detail[:len(detail)*2/3]},
		{"detail/json", parseDetailErr, []byte(`[{"notificationNumber":"2025/9123/DE"}]`)},
		{"detail/error page", parseDetailErr, golden.Read(t, "error.html")},
		{"detail/list page", parseDetailErr, list},
		{"detail/no message", parseDetailErr, golden.Read(t, "detail_nomessage.html")},
		{"detail/bad date", parseDetailErr, golden.Read(t, "detail_baddate.html")},
	}
	var got strings.Builder
	for _, tt := range tests {
		err := tt.parse(tt.body)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		got.WriteString(tt.name + ": " + err.Error() + "\n")
	}
	golden.Check(t, "errors.golden", []byte(got.String()))
}

func parseListErr(b []byte) error {
	_, err := ParseList(b)
	return err
}

func parseDetailErr(b []byte) error {
	_, err := ParseDetail(b)
	return err
}

func TestListURL(t *testing.T) {
	tests := []struct {
		base string
		page int
		from kb.Date
		want string
	}{
		{"https://technical-regulation-information-system.ec.europa.eu", 1, "",
			"https://technical-regulation-information-system.ec.europa.eu/en/search?page=1&sortBy=dateReceived&sortOrder=desc"},
		{"https://technical-regulation-information-system.ec.europa.eu/", 3, "2025-03-01",
			"https://technical-regulation-information-system.ec.europa.eu/en/search?dateFrom=2025-03-01&page=3&sortBy=dateReceived&sortOrder=desc"},
		{"http://127.0.0.1:8080/mirror/tris", 0, "2025-03",
			"http://127.0.0.1:8080/mirror/tris/en/search?dateFrom=2025-03-01&page=1&sortBy=dateReceived&sortOrder=desc"},
	}
	for _, tt := range tests {
		base, err := url.Parse(tt.base)
		if err != nil {
			t.Fatal(err)
		}
		if got := ListURL(base, tt.page, tt.from); got != tt.want {
			t.Errorf("ListURL(%q, %d, %q) = %q, want %q", tt.base, tt.page, tt.from, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	p := &ListPage{Items: []*kb.Notification{{Link: "/en/notification/90001"}, {Link: "https://example.org/x"}}}
	base, _ := url.Parse("http://127.0.0.1:9/en/search?page=2")
	p.Resolve(base)
	if p.Items[0].Link != "http://127.0.0.1:9/en/notification/90001" || p.Items[1].Link != "https://example.org/x" {
		t.Errorf("Resolve: got %q, %q", p.Items[0].Link, p.Items[1].Link)
	}
}

func TestStateName(t *testing.T) {
	for code, want := range map[string]string{"EL": "Greece", "DE": "Germany", "XI": "United Kingdom (Northern Ireland)", "GR": "", "EU": ""} {
		got, ok := StateName(code)
		if got != want || ok != (want != "") {
			t.Errorf("StateName(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
}
