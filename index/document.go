package index

import (
	"regexp"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// document is what one record becomes in the index. Text fields are split
// by language so each gets its analyzer; ids holds every spelling of the
// record's identifiers a user may type, already canonical; the remaining
// keyword fields are the facets.
type document struct {
	Kind    string   `json:"kind"`
	Key     string   `json:"key"`
	IDs     []string `json:"ids"`
	TitleZh string   `json:"title_zh"`
	TitleEn string   `json:"title_en"`
	TextZh  string   `json:"text_zh"`
	TextEn  string   `json:"text_en"`
	ZhBi    string   `json:"zh_bi"` // title_zh + text_zh again, as character bigrams: the fallback for words the segmenter splits differently
	// Words about the record rather than in it — who notified it, what
	// kind of thing it is — searched but never shown in snippets.
	TagsZh string   `json:"tags_zh,omitempty"`
	TagsEn string   `json:"tags_en,omitempty"`
	HS     []string `json:"hs"`
	ICS    []string `json:"ics"`
	// Adopts names the standards this one adopts identically or modified
	// (and, on a mapping, its foreign side): how a foreign standard finds
	// the domestic standards that carry its content.
	Adopts []string `json:"adopts,omitempty"`
	// Refs names, in the form of ids, the standards and regulations this
	// record cites, adopts, maps or belongs to: an identifier query lists
	// these records after the identified one.
	Refs  []string `json:"refs,omitempty"`
	Facet string   `json:"facet"` // member, publisher or jurisdiction: what the hit shows beside its date

	Member    string   `json:"member,omitempty"`
	Area      string   `json:"area,omitempty"`
	NType     string   `json:"ntype,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Status    string   `json:"status,omitempty"`
	Year      string   `json:"year,omitempty"`
	HSChapter []string `json:"hs_chapter,omitempty"`
	HSHeading []string `json:"hs_heading,omitempty"`
	ICSField  []string `json:"ics_field,omitempty"`
	ICSGroup  []string `json:"ics_group,omitempty"`
	Date      string   `json:"date"`               // shown: as the record has it
	When      string   `json:"when,omitempty"`     // the same, as a full date for ranges and sorting
	Deadline  string   `json:"deadline,omitempty"` // comment deadline, for "open for comment"
}

func docID(kind kb.Kind, key string) string { return string(kind) + ":" + key }

// titles finds the titles of a standard or regulation a mapping or a
// requirement refers to, so those rows are found by the topic of what they
// belong to; ok is false when the record is unknown.
type titles func(key string) (zh, en string, ok bool)

// equivalents finds the Chinese titles of the domestic standards that
// adopt a standard identically or modified: the Chinese words for what an
// English-only standard says.
type equivalents func(number string) []string

// equivalent says whether an adoption carries the adopted standard's
// content; NEQ adoptions are only related.
func equivalent(d kb.Degree) bool { return d == kb.DegreeIDT || d == kb.DegreeMOD }

func toDocument(r kb.Record, parent titles, equiv equivalents) document {
	d := document{Kind: string(r.Kind()), Key: r.Key(), IDs: []string{normID(r.Key())}}
	switch v := r.(type) {
	case *kb.Standard:
		n := v.Parsed()
		// The series ("GB 6675", "ISO 8124") finds every part of it.
		d.IDs = append(d.IDs, normID(n.Dated()), normID(n.Undated()), normID(n.Publisher+" "+n.Number))
		var adopted []string
		for _, a := range v.Adopts {
			adopted = append(adopted, a.Number)
			d.addRefs(a.Number)
			if equivalent(a.Degree) {
				d.Adopts = append(d.Adopts, normID(a.Number))
			}
		}
		d.TitleZh, d.TitleEn = v.TitleZh, joinText(v.TitleEn, v.TitleOriginal)
		d.TextZh, d.TextEn = zhOrEn(v.Scope, strings.Join(adopted, "\n"))
		if v.TitleZh == "" {
			d.TextZh = joinText(d.TextZh, strings.Join(equiv(v.Key()), "\n"))
		}
		d.setICS(v.ICS)
		d.Facet, d.Publisher, d.Status = n.Publisher, n.Publisher, string(v.Status)
		d.setDate(v.Issued)
		if n.Year != "" {
			d.Year = n.Year
		}
	case *kb.Notification:
		if s, ok := v.ParsedSymbol(); ok {
			d.IDs = append(d.IDs, normID(s.Root().String()))
		}
		d.addRefs(v.InternationalStandards...)
		d.TitleZh, d.TitleEn = v.TitleZh, v.Title
		m := kb.LookupMember(v.Member)
		// Who notified, and what it is, as words: "欧盟 通报", "Japan SPS".
		d.TagsZh = joinText(m.Zh, "通报", areaZh[v.Area])
		d.TagsEn = joinText(m.En, "notification", string(v.Area))
		d.TextEn = joinText(v.Description, v.Products, strings.Join(v.Objectives, "; "), strings.Join(v.Keywords, "; "), strings.Join(v.InternationalStandards, "; "), strings.Join(v.RegionsAffected, "; "), v.Agency)
		d.setHS(v.HS)
		d.setICS(v.ICS)
		d.Facet, d.Member, d.Area, d.NType = v.Member, v.Member, string(v.Area), string(v.Type)
		d.setDate(v.Distributed)
		d.Deadline = fullDate(v.CommentDeadline)
	case *kb.Regulation:
		d.IDs = append(d.IDs, regulationIDs(v.ID)...)
		d.addRefs(v.References...)
		d.TitleZh, d.TitleEn = v.TitleZh, v.TitleEn
		m := kb.LookupMember(v.Jurisdiction)
		d.TextZh, d.TextEn = zhOrEn(v.Summary, strings.Join(v.References, "\n"))
		d.TagsZh, d.TagsEn = joinText(m.Zh, "法规"), joinText(m.En, "regulation")
		d.Facet, d.Member = v.Jurisdiction, v.Jurisdiction
		d.setDate(v.Adopted)
	case *kb.Mapping:
		d.IDs = append(d.IDs, normID(v.Foreign), normID(v.Domestic))
		d.addRefs(v.Foreign, v.Domestic)
		d.TitleEn = v.Foreign + " → " + v.Domestic
		d.TextZh, d.TextEn = zhOrEn(v.Deviations, v.Provenance)
		for _, k := range []string{v.Domestic, v.Foreign} {
			zh, en, _ := parent(k)
			d.TextZh, d.TextEn = joinText(d.TextZh, zh), joinText(d.TextEn, en)
		}
		d.Status = string(v.Status)
		if equivalent(v.Degree) {
			d.Adopts = []string{normID(v.Foreign)}
		}
	case *kb.Requirement:
		d.TitleZh = v.ParameterZh
		d.TitleEn = v.Parameter + " " + v.Scope
		zh, en, _ := parent(v.Source)
		d.addRefs(v.Source)
		d.TextZh = zh
		d.TextEn = joinText(v.Source, en, v.Notes)
		d.TagsZh = "限量 指标"
		d.TagsEn = joinText(strings.ReplaceAll(v.Topic, "-", " "), "limit", v.Unit, v.Method)
	}
	d.ZhBi = joinText(d.TitleZh, d.TextZh)
	return d
}

// addRefs adds the ids-field forms of cited standards (dated and undated)
// and regulations (their short numbers).
func (d *document) addRefs(refs ...string) {
	for _, r := range refs {
		if n, err := kb.ParseStandardNumber(r); err == nil {
			d.Refs = appendNew(d.Refs, normID(n.String()))
			d.Refs = appendNew(d.Refs, normID(n.Undated()))
			continue
		}
		d.Refs = appendNew(d.Refs, normID(r))
		for _, id := range regulationIDs(r) {
			d.Refs = appendNew(d.Refs, id)
		}
	}
}

var areaZh = map[kb.Area]string{kb.AreaTBT: "技术性贸易壁垒", kb.AreaSPS: "卫生与植物卫生", kb.AreaTRIS: "欧盟技术法规通报"}

// regulationIDs are the short forms people type for a regulation: the
// number of an EU act (396/2005, 2023/915) and a CFR part without spaces
// (16CFR1250).
func regulationIDs(id string) []string {
	var out []string
	for _, m := range reActNumber.FindAllString(id, -1) {
		out = append(out, m)
	}
	if m := reCFR.FindStringSubmatch(id); m != nil {
		out = append(out, m[1]+"CFR"+m[2])
	}
	return out
}

var (
	reActNumber = regexp.MustCompile(`\b\d{1,4}/\d{1,4}\b`)
	reCFR       = regexp.MustCompile(`(?i)\b(\d+)\s*CFR\s*(?:Part\s*)?(\d+)`)
)

func (d *document) setDate(date kb.Date) {
	d.Date = string(date)
	d.When = fullDate(date)
	if len(date) >= 4 {
		d.Year = string(date)[:4]
	}
}

func (d *document) setHS(codes []string) {
	for _, c := range codes {
		hs, err := kb.ParseHS(c)
		if err != nil {
			continue
		}
		for _, p := range hs.Prefixes() {
			d.HS = append(d.HS, p.Digits())
		}
		d.HSChapter = appendNew(d.HSChapter, hs.Chapter())
		if digits := hs.Digits(); len(digits) >= 4 {
			d.HSHeading = appendNew(d.HSHeading, digits[:4])
		}
	}
}

func (d *document) setICS(codes []string) {
	for _, c := range codes {
		ics, err := kb.ParseICS(c)
		if err != nil {
			continue
		}
		prefixes := ics.Prefixes()
		for _, p := range prefixes {
			d.ICS = append(d.ICS, string(p))
		}
		d.ICSField = appendNew(d.ICSField, string(prefixes[0]))
		if len(prefixes) > 1 {
			d.ICSGroup = appendNew(d.ICSGroup, string(prefixes[1]))
		}
	}
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// fullDate turns 2016, 2016-03 and 2016-03-01 into a full date (the first
// day of the period), which date ranges and sorting need.
func fullDate(d kb.Date) string {
	switch len(d) {
	case 4:
		return string(d) + "-01-01"
	case 7:
		return string(d) + "-01"
	case 10:
		return string(d)
	}
	return ""
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
