package eping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// rawItem is one search result as the API sends it. The fields are any
// because their shapes vary (see fields.go); encoding/json matches the
// names case-insensitively. The *Plain twins are plain-text copies of rich
// fields that some API versions add.
type rawItem struct {
	DocumentSymbol        any `json:"documentSymbol"`
	Area                  any `json:"area"`
	NotificationType      any `json:"notificationType"`
	NotifyingMember       any `json:"notifyingMember"`
	DistributionDate      any `json:"distributionDate"`
	CommentDeadlineDate   any `json:"commentDeadlineDate"`
	Title                 any `json:"title"`
	TitlePlain            any `json:"titlePlain"`
	Description           any `json:"description"`
	DescriptionPlain      any `json:"descriptionPlain"`
	ProductsFreeText      any `json:"productsFreeText"`
	ProductsFreeTextPlain any `json:"productsFreeTextPlain"`
	HSCodes               any `json:"hsCodes"`
	ICSCodeText           any `json:"icsCodeText"`
	ICSCodes              any `json:"icsCodes"`
	Objectives            any `json:"objectives"`
	Keywords              any `json:"keywords"`
	SPSKeywords           any `json:"spsKeywords"`
	CountriesAffected     any `json:"countriesAffected"`
	NotifiedDocumentLink  any `json:"notifiedDocumentLink"`
	LinkToNotification    any `json:"linkToNotification"`
}

// decodeItem decodes one element of "items" keeping numbers exact.
func decodeItem(raw json.RawMessage) (*rawItem, error) {
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return nil, fmt.Errorf("item is %s, not an object", jsonKind(t))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var it rawItem
	if err := dec.Decode(&it); err != nil {
		return nil, err
	}
	return &it, nil
}

// symbolText is the item's symbol as sent, for problem reports.
func (it *rawItem) symbolText() string {
	return truncate(strings.TrimSpace(textOf(it.DocumentSymbol)), 80)
}

// notification maps an item to a notification, or says why it cannot. It
// leaves canonical forms to Normalize but settles here what needs ePing's
// own terms: dates with times, rich text, code lists with names, member
// names kb does not know, joint notifications.
func (it *rawItem) notification() (*kb.Notification, error) {
	var errs []string
	n := &kb.Notification{
		Title:           oneLine(firstText(it.TitlePlain, it.Title)),
		Description:     plainText(firstText(it.DescriptionPlain, it.Description)),
		Products:        plainText(firstText(it.ProductsFreeTextPlain, it.ProductsFreeText)),
		Type:            kb.NotificationType(oneLine(textOf(it.NotificationType))),
		HS:              hsCodes(it.HSCodes),
		ICS:             append(icsCodes(it.ICSCodeText), icsCodes(it.ICSCodes)...),
		Objectives:      objectives(it.Objectives),
		Keywords:        append(texts(it.Keywords), texts(it.SPSKeywords)...),
		RegionsAffected: texts(it.CountriesAffected),
		Documents:       links(it.NotifiedDocumentLink),
		Link:            link(it.LinkToNotification),
		Sources:         []string{"ePing"},
	}
	var err error
	if n.Distributed, err = parseDate(it.DistributionDate); err != nil {
		errs = append(errs, "distributionDate: "+err.Error())
	}
	if n.CommentDeadline, err = parseDate(it.CommentDeadlineDate); err != nil {
		errs = append(errs, "commentDeadlineDate: "+err.Error())
	}

	name := oneLine(textOf(it.NotifyingMember))
	code, memberErr := kb.MemberCode(name)
	if name == "" {
		memberErr = nil
	}
	sym, err := pickSymbol(textOf(it.DocumentSymbol), code)
	if err != nil {
		errs = append(errs, "documentSymbol: "+err.Error())
	}
	n.Symbol = sym
	parsed, symErr := kb.ParseSymbol(sym)
	hasSym := sym != "" && symErr == nil
	switch {
	case memberErr == nil:
		n.Member = name
	case hasSym:
		// A member kb has no name for: the symbol names it by code, and
		// Normalize takes it from there.
	default:
		errs = append(errs, "notifyingMember: "+memberErr.Error())
	}

	n.Area = area(textOf(it.Area))
	if n.Area == "" && !hasSym {
		n.Area = areaSuffix(string(n.Type))
	}
	if hasSym {
		// The symbol is the WTO's own record of the type; a label that
		// Normalize cannot read or that contradicts it gives way.
		t, err := kb.ParseNotificationType(string(n.Type))
		if implied := parsed.Type(); err != nil || (implied != kb.TypeRegular && t != implied) {
			n.Type = ""
		}
	}

	if n.Symbol == "" {
		var missing []string
		for _, f := range []struct{ name, v string }{
			{"notifyingMember", n.Member + name}, {"area", string(n.Area)},
			{"distributionDate", string(n.Distributed)}, {"title", n.Title},
		} {
			if f.v == "" {
				missing = append(missing, f.name)
			}
		}
		if len(missing) > 0 {
			errs = append(errs, "no documentSymbol, and no "+strings.Join(missing, ", ")+" to identify it by")
		}
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "; "))
	}
	// What is accepted must normalise: the check runs on a copy, as
	// normalising is the crawler core's business.
	check := clone(n)
	if err := check.Normalize(); err != nil {
		return nil, fmt.Errorf("does not normalise: %w", err)
	}
	return n, nil
}

// pickSymbol chooses the item's symbol. A joint notification (the East
// African Community's) lists every member's symbol on each member's item;
// the item is its member's.
func pickSymbol(s, member string) (string, error) {
	syms := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' })
	for i := range syms {
		syms[i] = strings.TrimSpace(syms[i])
	}
	syms = slices.DeleteFunc(syms, func(s string) bool { return s == "" })
	if len(syms) <= 1 {
		return strings.Join(syms, ""), nil
	}
	for _, s := range syms {
		if p, err := kb.ParseSymbol(s); err == nil && member != "" && p.Member == member {
			return s, nil
		}
	}
	return "", fmt.Errorf("lists %d symbols and none is the notifying member's", len(syms))
}

// area reads ePing's area: "TBT", "SPS", a label naming one, or the
// numeric domain id the search API filters by (1 TBT, 2 SPS).
func area(s string) kb.Area {
	u := strings.ToUpper(strings.TrimSpace(s))
	switch {
	case u == "":
		return ""
	case u == "1" || strings.Contains(u, "TBT") || strings.Contains(u, "TECHNICAL BARRIERS"):
		return kb.AreaTBT
	case u == "2" || strings.Contains(u, "SPS") || strings.Contains(u, "SANITARY"):
		return kb.AreaSPS
	}
	return kb.Area(s) // unknown: Normalize says what is wrong with it
}

var reAreaSuffix = regexp.MustCompile(`(?i)\s*\((TBT|SPS)\)\s*$`)

// areaSuffix reads the "(SPS)" ePing puts after emergency types and
// objectives.
func areaSuffix(s string) kb.Area {
	if m := reAreaSuffix.FindStringSubmatch(s); m != nil {
		return kb.Area(strings.ToUpper(m[1]))
	}
	return ""
}

// objectives lists the objectives without ePing's "(TBT)" marks, which
// repeat the area.
func objectives(v any) []string {
	list := texts(v)
	for i, o := range list {
		list[i] = reAreaSuffix.ReplaceAllString(o, "")
	}
	return slices.DeleteFunc(list, func(s string) bool { return s == "" })
}

// texts is a list field as one-line plain texts.
func texts(v any) []string {
	list := listOf(v, splitItems)
	for i, s := range list {
		list[i] = oneLine(s)
	}
	return slices.DeleteFunc(list, func(s string) bool { return s == "" })
}

func clone(n *kb.Notification) *kb.Notification {
	c := *n
	for _, l := range []*[]string{&c.HS, &c.ICS, &c.Objectives, &c.Keywords, &c.RegionsAffected, &c.Documents, &c.InternationalStandards, &c.Sources} {
		*l = slices.Clone(*l)
	}
	return &c
}

// jsonKind names the kind of JSON value text starts with, for messages.
func jsonKind(text []byte) string {
	if len(text) == 0 {
		return "empty"
	}
	switch text[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}
