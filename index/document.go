package index

import (
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// document is what one record becomes in the index. Text fields are split
// by language so each gets its analyzer; ids holds every spelling a user
// may type for the record's identifiers, already canonical.
type document struct {
	Kind    string   `json:"kind"`
	Key     string   `json:"key"`
	IDs     []string `json:"ids"`
	TitleZh string   `json:"title_zh"`
	TitleEn string   `json:"title_en"`
	TextZh  string   `json:"text_zh"`
	TextEn  string   `json:"text_en"`
	HS      []string `json:"hs"`
	ICS     []string `json:"ics"`
	Facet   string   `json:"facet"` // member or publisher or jurisdiction
	Date    string   `json:"date"`
}

func docID(kind kb.Kind, key string) string { return string(kind) + ":" + key }

func toDocument(r kb.Record) document {
	d := document{Kind: string(r.Kind()), Key: r.Key(), IDs: []string{normID(r.Key())}}
	switch v := r.(type) {
	case *kb.Standard:
		n := v.Parsed()
		// The series ("GB 6675", "ISO 8124") finds every part of it.
		d.IDs = append(d.IDs, normID(n.Dated()), normID(n.Undated()), normID(n.Publisher+" "+n.Number))
		for _, a := range v.Adopts {
			d.TextEn = joinText(d.TextEn, a.Number)
		}
		d.TitleZh, d.TitleEn = v.TitleZh, joinText(v.TitleEn, v.TitleOriginal)
		d.TextZh, d.TextEn = zhOrEn(v.Scope, d.TextEn)
		d.ICS = icsPrefixes(v.ICS)
		d.Facet = n.Publisher
		d.Date = string(v.Issued)
	case *kb.Notification:
		if s, ok := v.ParsedSymbol(); ok {
			d.IDs = append(d.IDs, normID(s.Root().String()))
		}
		d.TitleZh, d.TitleEn = v.TitleZh, v.Title
		d.TextEn = joinText(v.Description, v.Products, strings.Join(v.Objectives, "; "), strings.Join(v.Keywords, "; "), strings.Join(v.InternationalStandards, "; "), v.Agency)
		d.HS = hsPrefixes(v.HS)
		d.ICS = icsPrefixes(v.ICS)
		d.Facet = v.Member
		d.Date = string(v.Distributed)
	case *kb.Regulation:
		d.TitleZh, d.TitleEn = v.TitleZh, v.TitleEn
		d.TextZh, d.TextEn = zhOrEn(v.Summary, strings.Join(v.References, " "))
		d.Facet = v.Jurisdiction
		d.Date = string(v.Adopted)
	case *kb.Mapping:
		d.IDs = append(d.IDs, normID(v.Foreign), normID(v.Domestic))
		d.TitleEn = v.Foreign + " → " + v.Domestic
		d.TextZh, d.TextEn = zhOrEn(v.Deviations, v.Provenance)
	case *kb.Requirement:
		d.TitleZh = v.ParameterZh
		d.TitleEn = v.Parameter + " " + v.Scope
		d.TextEn = v.Source + " " + v.Topic
	}
	return d
}

// zhOrEn puts text containing Han characters in the Chinese field and the
// rest in the English one, appended to extra.
func zhOrEn(text, extra string) (zh, en string) {
	for _, r := range text {
		if r >= 0x4E00 && r <= 0x9FFF {
			return text, extra
		}
	}
	return "", joinText(text, extra)
}

func joinText(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

// normID is the form identifiers take in the ids field: upper case, no
// spaces, so that "gb/t19001-2016" typed by a user meets "GB/T 19001-2016".
func normID(s string) string {
	return strings.ToUpper(strings.ReplaceAll(s, " ", ""))
}

func hsPrefixes(codes []string) []string {
	var out []string
	for _, c := range codes {
		if hs, err := kb.ParseHS(c); err == nil {
			for _, p := range hs.Prefixes() {
				out = append(out, p.Digits())
			}
		}
	}
	return out
}

func icsPrefixes(codes []string) []string {
	var out []string
	for _, c := range codes {
		if ics, err := kb.ParseICS(c); err == nil {
			for _, p := range ics.Prefixes() {
				out = append(out, string(p))
			}
		}
	}
	return out
}
