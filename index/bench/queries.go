package bench

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/kb"
)

// Queries returns n queries in the mix people type into the search box,
// drawn from the vocabulary the generated corpus is built from, the same
// for the same seed: Chinese words (25%), single English words (20%),
// two-word English queries that need both words (20%), identifiers —
// standard numbers and WTO symbols, some typed sloppily — (20%), and HS or
// ICS codes (15%). Identifiers name records that exist in any generated
// corpus of a few thousand records or more.
func Queries(n int, seed int64) []string {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b9))
	v := queryVocabulary(rng)
	out := make([]string, 0, n)
	seen := map[string]bool{}
	for tries := 0; len(out) < n; tries++ {
		var q string
		switch x := rng.IntN(100); {
		case x < 25:
			q = v.zh[rng.IntN(len(v.zh))]
		case x < 45:
			q = v.en[rng.IntN(len(v.en))]
		case x < 65:
			q = v.pairs[rng.IntN(len(v.pairs))]
			if rng.IntN(2) == 0 { // or a product with a hazard
				s := tbtChemicals[rng.IntN(len(tbtChemicals))].en
				p := products[rng.IntN(len(products))]
				for p.sps {
					p = products[rng.IntN(len(products))]
				}
				q = strings.Fields(s)[0] + " " + lastWord(p.en)
			}
		case x < 85:
			q = v.ids[rng.IntN(len(v.ids))]
			if rng.IntN(5) == 0 {
				q = strings.ToLower(strings.ReplaceAll(q, " ", ""))
			}
		default:
			q = v.codes[rng.IntN(len(v.codes))]
		}
		// Prefer distinct queries while the vocabulary lasts.
		if seen[q] && tries < 10*n {
			continue
		}
		seen[q] = true
		out = append(out, q)
	}
	return out
}

type vocabulary struct {
	zh, en, pairs, ids, codes []string
}

func queryVocabulary(rng *rand.Rand) vocabulary {
	var v vocabulary
	v.zh = []string{
		"玩具安全", "食品安全国家标准", "家用和类似用途电器", "色牢度", "电磁兼容", "灯具", "信息安全",
		"质量管理体系", "塑料", "金属材料", "电动汽车", "鞋类", "医疗器械", "能效等级", "水质", "不锈钢",
		"餐具", "儿童推车", "特定元素的迁移", "最大残留限量", "标签", "合格评定", "技术法规", "进口要求",
		"植物检疫", "微波炉", "邻苯二甲酸酯", "甲醛", "锂离子电池",
	}
	for _, p := range products {
		v.zh = append(v.zh, p.zh)
	}
	for _, list := range [][]term{tbtChemicals, tbtAspects, pesticides, animalDiseases, plantPests} {
		for _, t := range list {
			v.zh = append(v.zh, t.zh)
		}
	}
	v.en = []string{
		"toys", "formaldehyde", "phthalates", "labelling", "batteries", "lithium", "refrigerators",
		"cosmetics", "textiles", "footwear", "furniture", "luminaires", "cybersecurity", "pesticides",
		"aflatoxins", "microwave", "tyres", "helmets", "fertilizers", "honey", "poultry", "apples", "tea",
		"ecodesign", "certification", "conformity", "plastics", "vocabulary", "dishwashers", "humidifiers",
		"salmonella", "cadmium", "nickel", "hardness", "flammability", "emergency",
	}
	for _, t := range pesticides {
		v.en = append(v.en, t.en)
	}
	v.pairs = []string{
		"toy safety", "maximum residue", "energy efficiency", "lithium batteries", "electric vehicles",
		"colour fastness", "food contact", "labelling requirements", "energy conservation", "swine fever",
		"avian influenza", "fruit fly", "household appliances", "information security", "quality management",
		"water quality", "medical devices", "stainless steel", "test methods", "radio equipment",
		"conformity assessment", "import requirements", "phytosanitary requirements", "veterinary certificate",
		"tensile testing", "immunity test",
	}
	gbStarted := map[string]bool{}
	for i := range families {
		f := &families[i]
		for _, it := range f.items {
			switch {
			case f.gb != "" && f.gbBase != "":
				v.ids = append(v.ids, f.gb+" "+f.gbBase+fmt.Sprintf(f.gbPart, it.part))
			case f.gb != "" && it.gb != "":
				v.ids = append(v.ids, f.gb+" "+it.gb)
			}
			if ref := intlAnchor(f, it); ref != "" {
				v.ids = append(v.ids, ref)
			}
		}
		if f.gb != "" && f.gbBase != "" && !gbStarted[f.gbBase] {
			gbStarted[f.gbBase] = true
			v.ids = append(v.ids, f.gb+" "+f.gbBase) // a whole series
		}
	}
	// Symbols of the members that notify most, within the first numbers
	// the generator hands out.
	for _, m := range members[:8] {
		for range 3 {
			v.ids = append(v.ids, fmt.Sprintf("G/TBT/N/%s/%d", m.code, m.tbtStart+rng.IntN(20)))
			v.ids = append(v.ids, fmt.Sprintf("G/SPS/N/%s/%d", m.code, m.spsStart+rng.IntN(10)))
		}
	}
	for _, p := range products {
		for _, h := range p.hs {
			v.codes = append(v.codes, h)
			if strings.Contains(h, ".") && rng.IntN(2) == 0 {
				v.codes = append(v.codes, strings.ReplaceAll(h, ".", "")) // 950300
			}
		}
		v.codes = append(v.codes, p.ics...)
	}
	return v
}

func lastWord(s string) string {
	f := strings.Fields(s)
	return f[len(f)-1]
}

// SampleQueries derives n queries from the records of a corpus, so that a
// corpus not made by Generate (a real catalogue) is queried with its own
// words: a uniform sample of records (one pass, reservoir sampling) each
// gives one query — a Chinese title segment, one or two English title
// words, its identifier, or one of its HS or ICS codes — in roughly the
// proportions of Queries.
func SampleQueries(docs iter.Seq2[kb.Record, error], n int, seed int64) ([]string, error) {
	if n <= 0 {
		return nil, nil
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x7f4a7c15))
	sample := make([]kb.Record, 0, n)
	seen := 0
	for r, err := range docs {
		if err != nil {
			return nil, fmt.Errorf("sample queries: %w", err)
		}
		seen++
		if len(sample) < n {
			sample = append(sample, r)
		} else if j := rng.IntN(seen); j < n {
			sample[j] = r
		}
	}
	out := make([]string, 0, len(sample))
	for _, r := range sample {
		if q := queryFrom(r, rng); q != "" {
			out = append(out, q)
		}
	}
	return out, nil
}

// queryFrom makes one query from a record, falling back to its identifier
// when the record has nothing for the class drawn.
func queryFrom(r kb.Record, rng *rand.Rand) string {
	var zh, en string
	var codes []string
	switch v := r.(type) {
	case *kb.Standard:
		zh, en, codes = v.TitleZh, v.TitleEn, v.ICS
		if en == "" {
			en = v.TitleOriginal
		}
	case *kb.Notification:
		zh, en, codes = v.TitleZh, v.Title, v.HS
	}
	var q string
	switch x := rng.IntN(100); {
	case x < 25:
		q = zhSegment(zh, rng)
	case x < 45:
		if w := titleWords(en); len(w) > 0 {
			q = w[rng.IntN(len(w))]
		}
	case x < 65:
		if w := titleWords(en); len(w) > 1 {
			i := rng.IntN(len(w) - 1)
			q = w[i] + " " + w[i+1+rng.IntN(len(w)-i-1)]
		}
	case x < 85:
	default:
		if len(codes) > 0 {
			q = codes[rng.IntN(len(codes))]
		}
	}
	if q != "" {
		return q
	}
	if s, ok := r.(*kb.Standard); ok && rng.IntN(2) == 0 {
		return s.Parsed().Undated() // "ISO 8124-3" finds every edition
	}
	return r.Key()
}

// zhSegment is a run of Han characters from a Chinese title, cut at
// spaces and punctuation, at most six characters (a longer run gives its
// first four, which is how people shorten a title).
func zhSegment(title string, rng *rand.Rand) string {
	segs := strings.FieldsFunc(title, func(r rune) bool { return !unicode.Is(unicode.Han, r) })
	var ok []string
	for _, s := range segs {
		if utf8.RuneCountInString(s) >= 2 && s != "部分" { // of 第4部分
			ok = append(ok, s)
		}
	}
	if len(ok) == 0 {
		return ""
	}
	s := []rune(ok[rng.IntN(len(ok))])
	if len(s) > 6 {
		s = s[:4]
	}
	return string(s)
}

var stopwords = map[string]bool{
	"the": true, "of": true, "and": true, "for": true, "in": true, "on": true, "to": true, "with": true,
	"by": true, "or": true, "from": true, "as": true, "at": true, "its": true, "part": true, "an": true,
	"be": true, "are": true, "is": true, "other": true, "their": true, "all": true, "any": true, "use": true,
}

// titleWords are the words of a title worth searching for: letters only,
// three or more of them, no stop words, lower case.
func titleWords(title string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) }) {
		w = strings.ToLower(w)
		if utf8.RuneCountInString(w) >= 3 && !stopwords[w] && !unicode.Is(unicode.Han, []rune(w)[0]) {
			out = append(out, w)
		}
	}
	return out
}
