package alerts

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckWebhookURL(t *testing.T) {
	tests := []struct {
		raw          string
		allowPrivate bool
		wantErr      string // "" for accepted
	}{
		{"https://hooks.example.com/stdbridge", false, ""},
		{"https://hooks.example.com:8443/a/b?x=1", false, ""},
		{"HTTPS://Hooks.Example.COM/", false, ""},
		{"https://93.184.215.14/hook", false, ""},
		{"https://[2606:4700::1111]/hook", false, ""},
		{"https://xn--fiqs8s.example/hook", false, ""},
		{"http://hooks.example.com/stdbridge", false, "http is not allowed, use https"},
		{"http://hooks.example.com/stdbridge", true, ""},
		{"http://127.0.0.1:8080/hook", true, ""},
		{"http://localhost:8080/hook", true, ""},
		{"https://10.0.0.1/hook", false, "host 10.0.0.1 is an internal address (private)"},
		{"https://192.168.1.1/hook", false, "host 192.168.1.1 is an internal address (private)"},
		{"https://172.16.0.1/hook", false, "host 172.16.0.1 is an internal address (private)"},
		{"https://172.31.255.255/hook", false, "(private)"},
		{"https://127.0.0.1/hook", false, "host 127.0.0.1 is an internal address (loopback)"},
		{"https://127.1.2.3/hook", false, "(loopback)"},
		{"https://169.254.169.254/latest/meta-data/", false, "host 169.254.169.254 is an internal address (link-local)"},
		{"https://100.64.0.1/hook", false, "carrier-grade NAT"},
		{"https://100.127.255.255/hook", false, "carrier-grade NAT"},
		{"https://0.0.0.0/hook", false, "host 0.0.0.0 is an internal address (unspecified)"},
		{"https://224.0.0.1/hook", false, "multicast"},
		{"https://255.255.255.255/hook", false, "reserved"},
		{"https://[::1]/hook", false, "host ::1 is an internal address (loopback)"},
		{"https://[::]/hook", false, "unspecified"},
		{"https://[fe80::1]/hook", false, "host fe80::1 is an internal address (link-local)"},
		{"https://[fe80::1%25eth0]/hook", false, "link-local"},
		{"https://[::%250]/hook", false, "unspecified"},
		{"https://[fd12:3456::1]/hook", false, "private"},
		{"https://[ff02::1]/hook", false, "multicast"},
		{"https://[::ffff:127.0.0.1]/hook", false, "loopback"},
		{"https://[::ffff:10.0.0.1]/hook", false, "private"},
		{"https://[64:ff9b::a9fe:a9fe]/hook", false, "internal address (embeds 169.254.169.254, link-local)"},
		{"https://[2002:c0a8:101::1]/hook", false, "internal address (embeds 192.168.1.1, private)"},
		{"https://localhost/hook", false, "host localhost names this machine or the local network"},
		{"https://LocalHost./hook", false, "names this machine"},
		{"https://api.localhost/hook", false, "names this machine"},
		{"https://printer.local/hook", false, "names this machine"},
		{"https://2130706433/hook", false, "non-standard form"},
		{"https://0x7f.1/hook", false, "non-standard form"},
		{"https://127.1/hook", false, "non-standard form"},
		{"https://user:pass@hooks.example.com/hook", false, "user name or password"},
		{"https://user@hooks.example.com/hook", true, "user name or password"},
		{"ftp://hooks.example.com/hook", false, `scheme "ftp", want https`},
		{"ftp://hooks.example.com/hook", true, `scheme "ftp", want https`},
		{"javascript:alert(1)", false, "not an absolute URL"},
		{"https:hooks.example.com", false, "not an absolute URL"},
		{"/hooks/stdbridge", false, "not an absolute URL"},
		{"hooks.example.com/stdbridge", false, "not an absolute URL"},
		{"//hooks.example.com/stdbridge", false, "not an absolute URL"},
		{"https:///hook", false, "not an absolute URL"},
		{"https://:443/hook", false, "no host"},
		{"https://hooks.example.com:0/hook", false, `port "0" out of range`},
		{"https://hooks.example.com:70000/hook", false, `port "70000" out of range`},
		{"https://hooks.example.com:x/hook", false, "invalid port"},
		{"https://hooks.example.com/" + strings.Repeat("a", 2048), false, "at most 2048"},
		{"", false, "webhook URL: empty"},
		{"  ", true, "webhook URL: empty"},
	}
	for _, tt := range tests {
		err := CheckWebhookURL(tt.raw, tt.allowPrivate)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("CheckWebhookURL(%q, %v) = %v, want nil", tt.raw, tt.allowPrivate, err)
		case tt.wantErr != "" && err == nil:
			t.Errorf("CheckWebhookURL(%q, %v) = nil, want an error containing %q", tt.raw, tt.allowPrivate, tt.wantErr)
		case err != nil && !strings.Contains(err.Error(), tt.wantErr):
			t.Errorf("CheckWebhookURL(%q, %v) = %q, want it to contain %q", tt.raw, tt.allowPrivate, err, tt.wantErr)
		}
	}
}

func TestCheckWebhookURLHidesPassword(t *testing.T) {
	for _, raw := range []string{"https://u:hunter2@hooks.example.com/", "https://u:hunter2@hooks example.com/"} {
		if err := CheckWebhookURL(raw, false); err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("CheckWebhookURL(%q) = %v, want an error without the password", raw, err)
		}
	}
}

func TestDialGuard(t *testing.T) {
	tests := []struct {
		address string
		want    string // the refusal's class, "" when allowed
	}{
		{"93.184.215.14:443", ""},
		{"[2606:4700::1111]:443", ""},
		{"8.8.8.8:80", ""},
		{"127.0.0.1:443", "loopback"},
		{"[::1]:443", "loopback"},
		{"[::ffff:127.0.0.1]:443", "loopback"},
		{"10.1.2.3:443", "private"},
		{"172.20.0.5:443", "private"},
		{"192.168.0.10:443", "private"},
		{"[fd00::1]:443", "private"},
		{"169.254.169.254:80", "link-local"},
		{"[fe80::1%eth0]:443", "link-local"},
		{"0.0.0.0:443", "unspecified"},
		{"[::]:443", "unspecified"},
		{"[::%eth0]:443", "unspecified"},
		{"0.1.2.3:443", "this-network"},
		{"100.64.1.1:443", "carrier-grade NAT"},
		{"100.128.0.1:443", ""}, // just past 100.64.0.0/10
		{"239.1.1.1:443", "multicast"},
		{"198.19.0.1:443", "benchmarking"},
		{"[64:ff9b::7f00:1]:80", "embeds 127.0.0.1, loopback"},
		{"[64:ff9b::808:808]:80", ""},
		{"[2002:a00:1::]:80", "embeds 10.0.0.1, private"},
		{"localhost:443", "refusing to connect"}, // never resolved: not an address
	}
	for _, tt := range tests {
		err := dialGuard("tcp", tt.address, nil)
		var p *Permanent
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("dialGuard(%s) = %v, want nil", tt.address, err)
		case tt.want != "" && (!errors.As(err, &p) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("dialGuard(%s) = %v, want a Permanent refusal containing %q", tt.address, err, tt.want)
		}
	}
}
