package tris

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/atom"

	"github.com/stdbridge/stdbridge/crawler/internal/htmltext"
	"github.com/stdbridge/stdbridge/kb"
)

var (
	reTextPath   = regexp.MustCompile(`/notification/\d+/text/`)
	reStateParen = regexp.MustCompile(`\(([^()]+)\)\s*$`)
)

// ParseDetail reads a notification's page. It fails when the body is not
// a whole notification page (no number, no message) or when a date on it
// is not a date: the record must not be stored half read.
func ParseDetail(body []byte) (*kb.Notification, error) {
	doc, err := parsePage(body)
	if err != nil {
		return nil, fmt.Errorf("parse TRIS notification page: %w", err)
	}
	grid := labelled(doc, "Notification number", "Date received", "End of Standstill")
	msg, ok := readMessage(doc)
	num := reNumber.FindString(grid["notification number"])
	if num == "" && ok {
		num = reNumber.FindString(msg.field("4"))
	}
	if num == "" {
		return nil, errors.New("parse TRIS notification page: no notification number; not a TRIS notification page")
	}
	t, err := kb.ParseTRISNumber(num)
	if err != nil {
		return nil, fmt.Errorf("parse TRIS notification page: %w", err)
	}
	if !ok {
		return nil, fmt.Errorf("parse TRIS notification %s: no notification message (MSG 001) on the page", t)
	}
	fail := func(err error) (*kb.Notification, error) {
		return nil, fmt.Errorf("parse TRIS notification %s: %w", t, err)
	}
	n := &kb.Notification{
		Symbol:      t.String(),
		Member:      "EU",
		Area:        kb.AreaTRIS,
		Type:        kb.TypeRegular,
		Title:       msg.field("5"),
		Description: msg.paragraphs("8"),
		Products:    msg.field("6"),
		Sources:     []string{RecordSource},
	}
	if yes(msg.field("11")) {
		n.Type = kb.TypeEmergency
	}
	if raw, ok := grid["date received"]; ok {
		if n.Distributed, err = checkDate(raw); err != nil {
			return fail(fmt.Errorf("date received: %w", err))
		}
	} else if d, ok := date(msg.field("1")); ok {
		n.Distributed = d // the structured line's date, 03-03-2025
	}
	if raw, ok := grid["end of standstill"]; ok {
		if n.CommentDeadline, n.ProposedAdoption, err = standstill(raw); err != nil {
			return fail(fmt.Errorf("end of standstill: %w", err))
		}
	}
	n.Agency = agency(msg, stateName(t.State, grid["notification number"], msg.field("2")))
	if c := category(msg.field("4")); c != "" {
		n.Keywords = []string{c}
	}
	n.Link = canonical(doc)
	base, _ := url.Parse(n.Link)
	for _, a := range find(doc, htmltext.IsTag(atom.A)) {
		if href := strings.TrimSpace(htmltext.Attr(a, "href")); reTextPath.MatchString(href) {
			n.Documents = append(n.Documents, resolve(base, href))
		}
	}
	if err := normalizes(n); err != nil {
		return fail(err)
	}
	return n, nil
}

// stateName is the notifying state's English name: ours for its code,
// else as the page writes it ("2025/0123/DK (Denmark)", field 2).
func stateName(code, number, field2 string) string {
	if name, ok := StateName(code); ok {
		return name
	}
	if m := reStateParen.FindStringSubmatch(number); m != nil {
		return strings.TrimSpace(m[1])
	}
	return field2
}

// agency is the originating department (3B), the ministry that drafted
// the text, else the department responsible for notifying (3A), prefixed
// with the state's name when it does not say it.
func agency(msg message, state string) string {
	a := msg.field("3B")
	if a == "" {
		a = msg.field("3A")
	}
	if a == "" || state == "" || strings.Contains(strings.ToLower(a), strings.ToLower(state)) {
		return a
	}
	return state + ": " + a
}

// category is the product category of field 4, "2025/0123/FR - C00A -
// AGRICULTURE, FISHING AND FOODSTUFFS", in sentence case.
func category(field4 string) string {
	parts := strings.SplitN(field4, " - ", 3)
	if len(parts) < 3 {
		return ""
	}
	return sentenceCase(strings.TrimSpace(parts[2]))
}

// sentenceCase lowers an all-capitals text but its first letter.
func sentenceCase(s string) string {
	if s == "" || strings.ToUpper(s) != s {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + strings.ToLower(s[size:])
}

func yes(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return l == "yes" || strings.HasPrefix(l, "yes ") || strings.HasPrefix(l, "yes,") || strings.HasPrefix(l, "yes.")
}
