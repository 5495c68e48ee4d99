package content

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stdbridge/stdbridge/index/zh"
	"github.com/stdbridge/stdbridge/kb"
)

//go:embed hs_headings.tsv
var hsHeadingsTSV string

// HSHeading is one line of the HS table: a chapter or a heading, its text
// in both languages, the guides' sector it belongs to and the words
// exporters call its products by.
type HSHeading struct {
	Code   kb.HSCode // "9503", or a chapter: "61"
	Zh, En string
	Sector string
	Words  []string

	folded []string // Words folded as Fold does
	names  []string // Zh and En folded
}

// Name is the heading's text in lang, "zh" or "en".
func (h HSHeading) Name(lang string) string {
	if lang == "en" {
		return h.En
	}
	return h.Zh
}

// WordIn returns a word of the heading that occurs in text, which Fold
// must have folded, or "" when none does; a word in lang ("zh": Chinese,
// "en": not) is preferred, to say on a page in lang why text matched.
func (h HSHeading) WordIn(folded, lang string) string {
	other := ""
	for i, w := range h.folded {
		if !containsTerm(folded, w) {
			continue
		}
		if hasHan(w) == (lang != "en") {
			return h.Words[i]
		}
		if other == "" {
			other = h.Words[i]
		}
	}
	return other
}

// HSTable is the HS headings the site can resolve product names to. It is
// read-only once loaded.
type HSTable struct {
	list   []HSHeading
	byCode map[string]int // digits → index in list
}

// hsSectors are the sectors the guides' front matter uses.
var hsSectors = []string{"toys", "textiles", "food-contact", "appliances", "ict", "food", "cosmetics", "medical-devices", "chemicals", "general"}

// LoadHSTable reads the embedded table, content/hs_headings.tsv.
func LoadHSTable() (*HSTable, error) {
	return ReadHSTable(strings.NewReader(hsHeadingsTSV))
}

// ReadHSTable parses a table: a header line, then code, zh, en, sector
// and words (separated by |) per line, TAB-separated; "#" starts a
// comment line. Codes are chapters or headings, each listed once.
func ReadHSTable(r io.Reader) (*HSTable, error) {
	t := &HSTable{byCode: map[string]int{}}
	sc := bufio.NewScanner(r)
	line, header := 0, false
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if !header {
			if !slices.Equal(cols, []string{"code", "zh", "en", "sector", "words"}) {
				return nil, fmt.Errorf("hs headings:%d: header must be code, zh, en, sector, words", line)
			}
			header = true
			continue
		}
		h, err := parseHSLine(cols)
		if err != nil {
			return nil, fmt.Errorf("hs headings:%d: %w", line, err)
		}
		d := h.Code.Digits()
		if prev, dup := t.byCode[d]; dup {
			return nil, fmt.Errorf("hs headings:%d: %s is already listed as %q", line, h.Code, t.list[prev].En)
		}
		t.byCode[d] = len(t.list)
		t.list = append(t.list, h)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("hs headings: %w", err)
	}
	if !header {
		return nil, fmt.Errorf("hs headings: no header line")
	}
	return t, nil
}

func parseHSLine(cols []string) (HSHeading, error) {
	if len(cols) != 5 {
		return HSHeading{}, fmt.Errorf("want 5 columns, got %d", len(cols))
	}
	code, err := kb.ParseHS(cols[0])
	if err != nil {
		return HSHeading{}, err
	}
	if n := len(code.Digits()); n != 2 && n != 4 {
		return HSHeading{}, fmt.Errorf("%s: want a chapter (2 digits) or a heading (4 digits)", code)
	}
	h := HSHeading{Code: code, Zh: strings.TrimSpace(cols[1]), En: strings.TrimSpace(cols[2]), Sector: strings.TrimSpace(cols[3])}
	if h.Zh == "" || h.En == "" {
		return HSHeading{}, fmt.Errorf("%s: both names are needed", code)
	}
	if !slices.Contains(hsSectors, h.Sector) {
		return HSHeading{}, fmt.Errorf("%s: sector %q: want one of %s", code, h.Sector, strings.Join(hsSectors, ", "))
	}
	for _, w := range strings.Split(cols[4], "|") {
		w = strings.Join(strings.Fields(w), " ")
		f := Fold(w)
		if f == "" {
			continue
		}
		if slices.Contains(h.folded, f) {
			return HSHeading{}, fmt.Errorf("%s: word %q is listed twice", code, w)
		}
		h.Words = append(h.Words, w)
		h.folded = append(h.folded, f)
	}
	if len(h.Words) == 0 {
		return HSHeading{}, fmt.Errorf("%s: no words", code)
	}
	h.names = []string{Fold(h.Zh), Fold(h.En)}
	return h, nil
}

// All lists the table in its order.
func (t *HSTable) All() []HSHeading { return slices.Clone(t.list) }

// ForCode lists the lines that name a code: its heading, else its
// chapter; for a chapter the table lists only headings of, those
// headings. It is empty for a code the table does not know.
func (t *HSTable) ForCode(c kb.HSCode) []HSHeading {
	d := c.Digits()
	for n := min(4, len(d)); n >= 2; n -= 2 {
		if i, ok := t.byCode[d[:n]]; ok {
			return []HSHeading{t.list[i]}
		}
	}
	var out []HSHeading
	for _, h := range t.list {
		if strings.HasPrefix(h.Code.Digits(), d) {
			out = append(out, h)
		}
	}
	return out
}

// Product is what a product query resolves to.
type Product struct {
	// Code is the HS code to look for: the one typed, or the line a name
	// resolved to; empty when a name gave none or several.
	Code kb.HSCode
	// Headings are, for a code, the lines naming it (empty for a code the
	// table lacks); for a name, the lines it matched — several are the
	// visitor's choice.
	Headings []HSHeading
	ByName   bool // the query was a name, not a code
}

// Resolve reads a product query: an HS code of 2 to 10 digits (dots and
// spaces allowed), or a name Match resolves. A malformed code is an
// error; a name that matches nothing is not.
func (t *HSTable) Resolve(q string) (Product, error) {
	q = Fold(q)
	if looksLikeCode(q) {
		c, err := kb.ParseHS(q)
		if err != nil {
			return Product{}, err
		}
		return Product{Code: c, Headings: t.ForCode(c)}, nil
	}
	p := Product{ByName: true, Headings: t.Match(q)}
	if len(p.Headings) == 1 {
		p.Code = p.Headings[0].Code
	}
	return p, nil
}

// looksLikeCode: digits, with the separators kb.ParseHS allows.
func looksLikeCode(s string) bool {
	return s != "" && strings.Trim(s, "0123456789. -") == "" && strings.ContainsAny(s, "0123456789")
}

// Match resolves a product name, in Chinese (simplified or traditional)
// or English, to the lines it names, in table order. A line's word equal
// to the name counts most, then a word the name contains ("玩具类" holds
// 玩具), then the name found inside a word or the heading's text; only
// the lines of the best kind are returned. Several lines are a choice for
// the visitor to make; none means the table does not know the product.
func (t *HSTable) Match(name string) []HSHeading {
	q := Fold(name)
	if q == "" {
		return nil
	}
	const (
		within = iota + 1 // q inside a word or name
		holds             // q holds a word
		equal             // q is a word or name
	)
	best := 0
	var out []HSHeading
	for _, h := range t.list {
		score := 0
		for _, w := range h.folded {
			switch {
			case w == q:
				score = max(score, equal)
			case distinctive(w) && containsTerm(q, w):
				score = max(score, holds)
			case distinctive(q) && containsTerm(w, q):
				score = max(score, within)
			}
		}
		for _, n := range h.names {
			switch {
			case n == q:
				score = max(score, equal)
			case distinctive(q) && containsTerm(n, q):
				score = max(score, within)
			}
		}
		switch {
		case score == 0 || score < best:
		case score > best:
			best, out = score, []HSHeading{h}
		default:
			out = append(out, h)
		}
	}
	return out
}

// Fold prepares text for matching HS words: full-width characters and
// white space folded, lower case, traditional Chinese read as simplified,
// curly apostrophes made straight.
func Fold(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			return r - 0xFEE0
		case r == '’' || r == '‘':
			return '\''
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, kb.CleanText(s))
	return zh.Simplify(strings.ToLower(strings.Join(strings.Fields(s), " ")))
}

// distinctive reports whether a folded term may be looked for inside
// other text: two Chinese characters or more (铅 alone is in 铅笔), or
// three letters or more of English.
func distinctive(term string) bool {
	if hasHan(term) {
		return utf8.RuneCountInString(term) >= 2
	}
	return len(term) >= 3
}

// containsTerm reports whether term occurs in text, both folded: Chinese
// anywhere, English on word boundaries ("tea" is not in "steam").
func containsTerm(text, term string) bool {
	if term == "" {
		return false
	}
	if hasHan(term) {
		return strings.Contains(text, term)
	}
	for i := 0; ; {
		j := strings.Index(text[i:], term)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(term)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !wordRune(before) && !wordRune(after) {
			return true
		}
		i = start + 1
	}
}

// wordRune is a rune that continues an English word; RuneError stands for
// the start or end of the text.
func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r)) && !unicode.Is(unicode.Han, r)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
