package alerts

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
)

// maxWebhookURL bounds a webhook address; longer ones are not addresses
// anybody types.
const maxWebhookURL = 2048

// CheckWebhookURL vets a webhook address when a subscription is saved: an
// absolute http or https URL with a host, an optional port and no user
// name or password. Unless allowPrivate (development and tests, whose
// receivers run on loopback), it must be https and its host must not
// name this machine or the internal network by IP literal or by a
// reserved name. Names that resolve to internal addresses pass here; the
// sender's dial guard stops them at connection time, after resolution.
func CheckWebhookURL(raw string, allowPrivate bool) error {
	if strings.TrimSpace(raw) == "" {
		return errors.New("webhook URL: empty")
	}
	if len(raw) > maxWebhookURL {
		return fmt.Errorf("webhook URL: %d bytes, at most %d", len(raw), maxWebhookURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the whole URL, which may carry a password.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("webhook URL: %w", err)
	}
	if !u.IsAbs() || u.Opaque != "" || u.Host == "" {
		return errors.New("webhook URL: not an absolute URL (want https://host/path)")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && allowPrivate:
	case u.Scheme == "http":
		return errors.New("webhook URL: http is not allowed, use https (the alerts would travel in the clear)")
	default:
		return fmt.Errorf("webhook URL: scheme %q, want https", u.Scheme)
	}
	if u.User != nil {
		return errors.New("webhook URL: a user name or password in the URL is not allowed (requests are signed with the webhook secret instead)")
	}
	host := u.Hostname()
	if host == "" {
		return errors.New("webhook URL: no host")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("webhook URL: port %q out of range", p)
		}
	}
	if allowPrivate {
		return nil
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if class := addrClass(a); class != "" {
			return fmt.Errorf("webhook URL: host %s is an internal address (%s)", host, class)
		}
		return nil
	}
	name := strings.TrimSuffix(strings.ToLower(host), ".")
	if name == "localhost" || strings.HasSuffix(name, ".localhost") || strings.HasSuffix(name, ".local") {
		return fmt.Errorf("webhook URL: host %s names this machine or the local network", host)
	}
	// No top-level domain is numeric: such a host is an address in a form
	// (2130706433, 0x7f.1) some resolvers read as IPv4, past the check above.
	if last := name[strings.LastIndexByte(name, '.')+1:]; isNumericLabel(last) {
		return fmt.Errorf("webhook URL: host %s looks like an IP address in a non-standard form", host)
	}
	return nil
}

// isNumericLabel reports whether a DNS label is a decimal or 0x-hex number.
func isNumericLabel(l string) bool {
	if h, ok := strings.CutPrefix(l, "0x"); ok {
		l = h
		if l == "" {
			return true
		}
		_, err := strconv.ParseUint(l, 16, 64)
		return err == nil || errors.Is(err, strconv.ErrRange)
	}
	if l == "" {
		return false
	}
	for _, r := range l {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// addrClass names the kind of address a webhook must not reach (this
// machine, the internal network, the cloud metadata service at
// 169.254.169.254), or returns "" for a public one.
func addrClass(a netip.Addr) string {
	// ::ffff:127.0.0.1 is 127.0.0.1; a zone would defeat IsUnspecified.
	a = a.Unmap().WithZone("")
	switch {
	case !a.IsValid():
		return "invalid"
	case a.IsLoopback():
		return "loopback"
	case a.IsUnspecified():
		return "unspecified"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case a.IsMulticast():
		return "multicast"
	}
	if a.Is4() {
		b := a.As4()
		switch {
		case b[0] == 0:
			return "this-network 0.0.0.0/8"
		case b[0] == 100 && b[1]&0xc0 == 64:
			return "carrier-grade NAT 100.64.0.0/10"
		case b[0] == 192 && b[1] == 0 && b[2] == 0:
			return "IETF protocol 192.0.0.0/24"
		case b[0] == 198 && b[1]&0xfe == 18:
			return "benchmarking 198.18.0.0/15"
		case b[0] >= 240:
			return "reserved 240.0.0.0/4"
		}
		return ""
	}
	// IPv6 addresses a gateway translates to an embedded IPv4 address
	// are as internal as that address.
	b := a.As16()
	var v4 [4]byte
	switch {
	case [12]byte(b[:12]) == [12]byte{0, 0x64, 0xff, 0x9b}: // NAT64 64:ff9b::/96
		copy(v4[:], b[12:16])
	case b[0] == 0x20 && b[1] == 0x02: // 6to4 2002::/16
		copy(v4[:], b[2:6])
	default:
		return ""
	}
	if in := netip.AddrFrom4(v4); addrClass(in) != "" {
		return "embeds " + in.String() + ", " + addrClass(in)
	}
	return ""
}

// dialGuard is the webhook dialer's Control function: it runs for every
// connection after name resolution and before connecting, so a name that
// resolves (or is rebound) to an internal address is refused too.
func dialGuard(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &Permanent{Err: fmt.Errorf("webhook: refusing to connect to %q: %w", address, err)}
	}
	if class := addrClass(ap.Addr()); class != "" {
		return &Permanent{Err: fmt.Errorf("webhook: refusing to connect to %s, an internal address (%s)", ap.Addr(), class)}
	}
	return nil
}
