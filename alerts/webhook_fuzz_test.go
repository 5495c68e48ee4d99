package alerts

import (
	"net"
	"net/url"
	"strings"
	"testing"
)

// FuzzCheckWebhookURL checks that CheckWebhookURL never panics and that
// what it accepts keeps its promises, judged by the standard library's
// own address predicates rather than by addrClass.
func FuzzCheckWebhookURL(f *testing.F) {
	for _, s := range []string{
		"https://hooks.example.com/stdbridge", "http://127.0.0.1:8080/hook", "https://[::ffff:10.0.0.1]/",
		"https://[fe80::1%25eth0]:443/", "https://u:p@example.com/", "https://localhost./", "https://0x7f.1/",
		"https://100.64.0.1/", "https://[64:ff9b::7f00:1]/", "ftp://example.com/", "/relative", "", "https://:0",
		"https://example.com:65536/", "HTTPS://EXAMPLE.COM/%zz", "https://例子.测试/hook",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, raw string, allowPrivate bool) {
		if CheckWebhookURL(raw, allowPrivate) != nil {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("accepted %q, which does not parse: %v", raw, err)
		}
		if u.Scheme != "https" && !(allowPrivate && u.Scheme == "http") {
			t.Fatalf("accepted %q with scheme %q (allowPrivate %v)", raw, u.Scheme, allowPrivate)
		}
		if u.Hostname() == "" || u.User != nil || u.Opaque != "" {
			t.Fatalf("accepted %q: host %q, user %v, opaque %q", raw, u.Hostname(), u.User, u.Opaque)
		}
		if allowPrivate {
			return
		}
		host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
		if host == "localhost" || strings.HasSuffix(host, ".localhost") || strings.HasSuffix(host, ".local") {
			t.Fatalf("accepted %q, a local name", raw)
		}
		ipText, _, _ := strings.Cut(u.Hostname(), "%") // net.ParseIP knows no zones
		if ip := net.ParseIP(ipText); ip != nil {
			_, cgnat, _ := net.ParseCIDR("100.64.0.0/10")
			if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() ||
				ip.IsMulticast() || cgnat.Contains(ip) {
				t.Fatalf("accepted %q, an internal address", raw)
			}
		}
	})
}
