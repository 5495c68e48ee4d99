package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// Area is the WTO agreement a notification is made under, or TRIS for a
// notification to the EU's Technical Regulation Information System
// (Directive (EU) 2015/1535), which EU states make before the WTO hears
// of a draft.
type Area string

const (
	AreaTBT  Area = "TBT"
	AreaSPS  Area = "SPS"
	AreaTRIS Area = "TRIS"
)

// NotificationType is how a notification relates to earlier ones.
type NotificationType string

const (
	TypeRegular     NotificationType = "regular"
	TypeAddendum    NotificationType = "addendum"
	TypeCorrigendum NotificationType = "corrigendum"
	TypeRevision    NotificationType = "revision"
	TypeSupplement  NotificationType = "supplement"
	TypeEmergency   NotificationType = "emergency"
)

// ParseNotificationType accepts our names and ePing's labels
// ("Regular notification", "Emergency notifications (SPS)", "Addendum").
func ParseNotificationType(s string) (NotificationType, error) {
	l := strings.ToLower(collapseSpace(s))
	switch {
	case l == "":
		return "", nil
	case strings.HasPrefix(l, "regular"):
		return TypeRegular, nil
	case strings.HasPrefix(l, "emergency"):
		return TypeEmergency, nil
	case strings.HasPrefix(l, "addend"):
		return TypeAddendum, nil
	case strings.HasPrefix(l, "corrig"):
		return TypeCorrigendum, nil
	case strings.HasPrefix(l, "revision"):
		return TypeRevision, nil
	case strings.HasPrefix(l, "supplement"):
		return TypeSupplement, nil
	}
	return "", fmt.Errorf("type %q: want regular, addendum, corrigendum, revision, supplement or emergency", s)
}

// Notification is a WTO TBT or SPS notification, with the fields of the
// official forms and of ePing.
type Notification struct {
	Symbol                 string           `json:"symbol,omitempty"`
	Member                 string           `json:"member,omitempty"`
	Area                   Area             `json:"area,omitempty"`
	Type                   NotificationType `json:"type,omitempty"`
	Agency                 string           `json:"agency,omitempty"`
	Distributed            Date             `json:"distributed,omitempty"`
	CommentDeadline        Date             `json:"comment_deadline,omitempty"`
	ProposedAdoption       string           `json:"proposed_adoption,omitempty"`
	ProposedEntryIntoForce string           `json:"proposed_entry_into_force,omitempty"`
	Title                  string           `json:"title,omitempty"`
	TitleZh                string           `json:"title_zh,omitempty"`
	Description            string           `json:"description,omitempty"`
	Products               string           `json:"products,omitempty"`
	HS                     []string         `json:"hs,omitempty"`
	ICS                    []string         `json:"ics,omitempty"`
	Objectives             []string         `json:"objectives,omitempty"`
	Keywords               []string         `json:"keywords,omitempty"`
	RegionsAffected        []string         `json:"regions_affected,omitempty"`
	Documents              []string         `json:"documents,omitempty"`
	InternationalStandards []string         `json:"international_standards,omitempty"`
	Link                   string           `json:"link,omitempty"`
	Verified               bool             `json:"verified,omitempty"`
	Sources                []string         `json:"sources,omitempty"`
}

func (*Notification) Kind() Kind { return KindNotification }

// Key is the symbol, or for a notification known only from an ePing export
// (which leaves the symbol out) an id derived from its natural key.
func (n *Notification) Key() string {
	if n.Symbol != "" {
		return n.Symbol
	}
	sum := sha256.Sum256([]byte(n.NaturalKey()))
	return "ePing-" + hex.EncodeToString(sum[:6])
}

// NaturalKey identifies a notification without its symbol: member, area,
// distribution date and title, plus the WTO document number when a
// notified-document link carries one, else the description. ePing lists
// addenda of one measure under the same title on the same day; only the
// document number, or failing it the text, tells them apart. Text is
// folded (case, spaces and punctuation do not count). ePing exports and
// the crawler meet on this key.
func (n *Notification) NaturalKey() string {
	parts := []string{n.Member, string(n.Area), string(n.Distributed), fold(n.Title)}
	if doc := n.DocumentNumber(); doc != "" {
		parts = append(parts, doc)
	} else if d := fold(n.Description); d != "" {
		sum := sha256.Sum256([]byte(d))
		parts = append(parts, hex.EncodeToString(sum[:8]))
	}
	return strings.Join(parts, "|")
}

// fold keeps only letters and digits, lower-cased.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// reAttachment matches the WTO's attachment links, which are named after
// the notification's document number: .../crnattachments/2025/SPS/CHL/25_03705_00_s.pdf
// belongs to document 25-3705.
var reAttachment = regexp.MustCompile(`crnattachments/\d{4}/(?:TBT|SPS)/[A-Za-z]+/(\d{2})_0*(\d{1,6})_\d{2}`)

// DocumentNumber is the WTO document number (25-3705) read from the first
// notified-document link that carries one, or "".
func (n *Notification) DocumentNumber() string {
	for _, d := range n.Documents {
		if m := reAttachment.FindStringSubmatch(d); m != nil {
			return m[1] + "-" + m[2]
		}
	}
	return ""
}

// ParsedSymbol returns the parsed symbol and whether there is one.
func (n *Notification) ParsedSymbol() (Symbol, bool) {
	if n.Symbol == "" {
		return Symbol{}, false
	}
	s, err := ParseSymbol(n.Symbol)
	return s, err == nil
}

// OpenForComment reports whether the comment period is still running on day.
func (n *Notification) OpenForComment(day time.Time) bool {
	if n.CommentDeadline == "" || strings.Count(string(n.CommentDeadline), "-") != 2 {
		return false
	}
	return !n.CommentDeadline.Time().Before(day.UTC().Truncate(24 * time.Hour))
}

func (n *Notification) Normalize() error {
	var errs fieldErrors
	var sym Symbol
	hasSym, isTRIS := false, false
	if n.Symbol != "" {
		s, err := ParseSymbol(n.Symbol)
		if err != nil && (strings.EqualFold(strings.TrimSpace(string(n.Area)), string(AreaTRIS)) || !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(n.Symbol)), "G")) {
			if t, terr := ParseTRISNumber(n.Symbol); terr == nil {
				n.Symbol, isTRIS, err = t.String(), true, nil
			}
		}
		errs.add("symbol", err)
		if err == nil && !isTRIS {
			sym, hasSym = s, true
			n.Symbol = s.String()
		}
	}
	if n.Member != "" {
		code, err := MemberCode(n.Member)
		errs.add("member", err)
		n.Member = code
	} else if hasSym {
		n.Member = sym.Member
	} else if isTRIS {
		n.Member = "EU"
	}
	if hasSym && n.Member != "" && n.Member != sym.Member && !(n.Member == "EU" && sym.Member == "EEC") {
		errs.addf("member", "%q does not match the symbol's %q", n.Member, sym.Member)
	}
	switch strings.ToUpper(strings.TrimSpace(string(n.Area))) {
	case "":
		if hasSym {
			n.Area = sym.Area
		} else if isTRIS {
			n.Area = AreaTRIS
		}
	case "TBT":
		n.Area = AreaTBT
	case "SPS":
		n.Area = AreaSPS
	case "TRIS":
		n.Area = AreaTRIS
	default:
		errs.addf("area", "%q: want TBT, SPS or TRIS", n.Area)
	}
	if isTRIS && n.Area != AreaTRIS {
		errs.addf("area", "%q, but %s is a TRIS number", n.Area, n.Symbol)
	}
	if isTRIS && n.Member != "EU" {
		errs.addf("member", "%q, but TRIS notifications are the EU's (the state is in the number)", n.Member)
	}
	if hasSym && n.Area != "" && n.Area != sym.Area {
		errs.addf("area", "%q does not match the symbol's %q", n.Area, sym.Area)
	}
	t, err := ParseNotificationType(string(n.Type))
	errs.add("type", err)
	n.Type = t
	if isTRIS && n.Type == "" {
		n.Type = TypeRegular // TRIS has no addenda or revisions
	}
	if hasSym {
		implied := sym.Type()
		switch {
		case n.Type == "":
			n.Type = implied
		case implied != TypeRegular && n.Type != implied:
			errs.addf("type", "%q, but the symbol says %q", n.Type, implied)
		}
	}
	normDate(&errs, "distributed", &n.Distributed)
	normDate(&errs, "comment_deadline", &n.CommentDeadline)
	for _, s := range []*string{&n.Agency, &n.ProposedAdoption, &n.ProposedEntryIntoForce, &n.Title, &n.TitleZh, &n.Link} {
		normLine(s)
	}
	normText(&n.Description)
	normText(&n.Products)
	n.HS = normList(n.HS, canonHS, &errs, "hs")
	n.ICS = normList(n.ICS, canonICS, &errs, "ics")
	n.Objectives = normList(n.Objectives, nil, &errs, "objectives")
	n.Keywords = normList(n.Keywords, nil, &errs, "keywords")
	n.RegionsAffected = normList(n.RegionsAffected, nil, &errs, "regions_affected")
	n.Documents = normList(n.Documents, nil, &errs, "documents")
	n.InternationalStandards = normList(n.InternationalStandards, nil, &errs, "international_standards")
	n.Sources = normSources(n.Sources)
	if !hasSym && n.Symbol == "" {
		// Without a symbol the natural key is the identity: all of it is required.
		for _, f := range []struct{ name, v string }{{"member", n.Member}, {"area", string(n.Area)}, {"distributed", string(n.Distributed)}, {"title", n.Title}} {
			if f.v == "" {
				errs.addf(f.name, "required when there is no symbol")
			}
		}
	}
	return errs.err()
}
