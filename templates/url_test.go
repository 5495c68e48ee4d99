package templates

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stdbridge/stdbridge/kb"
)

// echoMux answers the {id...} wildcard it decoded, like the site's routes.
func echoMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /standards/{id...}", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(r.PathValue("id")))
	})
	return mux
}

// roundTrip requests the URL built for id and returns what the route
// decoded, or fails when the mux redirects or rejects it.
func roundTrip(t *testing.T, mux http.Handler, id string) string {
	t.Helper()
	u := StandardURL(id)
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, u, nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s (for %q): status %d", u, id, w.Code)
	}
	return w.Body.String()
}

func TestEscapeID(t *testing.T) {
	tests := []struct{ id, want string }{
		{"GB/T 19001-2016", "GB/T%2019001-2016"},
		{"G/TBT/N/EU/1123/Add.2", "G/TBT/N/EU/1123/Add.2"},
		{"EN 71-3:2019+A1:2021", "EN%2071-3:2019+A1:2021"},
		{"ISO 8124-3:2020/Amd 1:2023", "ISO%208124-3:2020/Amd%201:2023"},
		{"Regulation (EC) No 1907/2006", "Regulation%20%28EC%29%20No%201907/2006"},
		{"16 CFR Part 1303", "16%20CFR%20Part%201303"},
		{"ePing-27c2a476db3d", "ePing-27c2a476db3d"},
		{"食品 安全?#%", "%E9%A3%9F%E5%93%81%20%E5%AE%89%E5%85%A8%3F%23%25"},
		// Segments path cleaning would rewrite: escaped whole.
		{"a//b", "a%2F%2Fb"},
		{"../etc/passwd", "%2E%2E%2Fetc%2Fpasswd"},
		{"x/.", "x%2F%2E"},
		{"/lead", "%2Flead"},
		{"trail/", "trail%2F"},
	}
	mux := echoMux()
	for _, tt := range tests {
		if got := EscapeID(tt.id); got != tt.want {
			t.Errorf("EscapeID(%q) = %q, want %q", tt.id, got, tt.want)
		}
		if got := roundTrip(t, mux, tt.id); got != tt.id {
			t.Errorf("route decoded %q back as %q", tt.id, got)
		}
	}
}

func FuzzEscapeID(f *testing.F) {
	for _, s := range []string{"GB/T 19001-2016", "G/TBT/N/EU/1123/Add.2", "a//b", "..", "%2F", "x/%2e%2e/y", "?#", "\x00"} {
		f.Add(s)
	}
	mux := echoMux()
	f.Fuzz(func(t *testing.T, id string) {
		if id == "" {
			return // the site never builds a URL for an empty key
		}
		if got := roundTrip(t, mux, id); got != id {
			t.Errorf("route decoded %q back as %q", id, got)
		}
	})
}

func TestRecordURL(t *testing.T) {
	tests := []struct {
		kind kb.Kind
		key  string
		want string
	}{
		{kb.KindStandard, "GB/T 19001-2016", "/standards/GB/T%2019001-2016"},
		{kb.KindNotification, "G/SPS/N/CHN/1301/Rev.1", "/notifications/G/SPS/N/CHN/1301/Rev.1"},
		{kb.KindRegulation, "Directive 2009/48/EC", "/regulations/Directive%202009/48/EC"},
		{kb.KindMapping, "EN 71-3:2019+A1:2021 ~ GB 6675.4-2014", "/mapping?foreign=EN+71-3%3A2019%2BA1%3A2021&domestic=GB+6675.4-2014"},
		{kb.KindRequirement, "GB 6675.4-2014 | toy-element-migration | lead | scraped-off", "/compare?topic=toy-element-migration"},
		{kb.KindMapping, "malformed", "/mappings"},
		{kb.Kind("other"), "x", "/"},
	}
	for _, tt := range tests {
		if got := RecordURL(tt.kind, tt.key); got != tt.want {
			t.Errorf("RecordURL(%s, %q) = %q, want %q", tt.kind, tt.key, got, tt.want)
		}
	}
}
