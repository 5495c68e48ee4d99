package alerts

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/stdbridge/stdbridge/kb"
)

// genConfig shapes generated data: small pools make matches frequent (for
// the property test), large ones make them realistic (for the benchmark).
type genConfig struct {
	words    int // vocabulary size (real domain words first, then made-up ones)
	chapters int // HS chapters in use
	fields   int // ICS fields in use
	roots    int // distinct notification numbers per member and area
	members  int
}

var (
	genMembers    = []string{"USA", "EU", "CHN", "JPN", "KOR", "BRA", "IND", "CAN", "AUS", "MEX", "TPKM", "THA", "VNM", "IDN", "SAU", "ARE", "KEN", "UGA", "CHL", "PER"}
	genChapters   = []string{"85", "84", "95", "39", "94", "87", "90", "61", "62", "64", "30", "33", "34", "02", "04", "08", "22", "28", "29", "73"}
	genFields     = []string{"97", "13", "29", "43", "65", "67", "71", "83", "91", "11", "33", "35", "45", "55", "59", "61", "75", "77", "79", "81"}
	genObjectives = []string{"Protection of human health or safety", "Consumer information, labelling", "Protection of the environment", "Prevention of deceptive practices and consumer protection", "Food safety", "Animal health", "Plant protection", "Quality requirements"}
	genRealWords  = strings.Fields(`toy toys battery batteries lithium lead cadmium mercury phthalate plastic food contact material
		electric appliance household cosmetic cosmetics label labelling energy efficiency safety child children textile
		footwear furniture vehicle motor tyre brake lamp led lighting radio wireless equipment medical device
		pesticide residue maximum limit meat dairy milk fruit vegetable seed plant animal feed additive
		chemical substance restriction packaging recycling waste water fertilizer steel cement glass
		certification conformity assessment testing inspection registration import export
		铅 镉 玩具 电池 锂电池 食品 化妆品 纺织品 标签 家用电器 能效 农药 残留 医疗器械 包装 钢铁`)
	genSyllables = strings.Fields("ka lo mi ne ra tu po si de fa gu bi ve zo ly che")
)

// vocab returns the first n words: real ones, then made-up ones.
func vocab(n int) []string {
	out := append([]string(nil), genRealWords[:min(n, len(genRealWords))]...)
	for i := 0; len(out) < n; i++ {
		w := ""
		for j, k := 0, i; j < 3; j, k = j+1, k/len(genSyllables) {
			w += genSyllables[k%len(genSyllables)]
		}
		out = append(out, fmt.Sprintf("%s%d", w, i/4096))
	}
	return out
}

type generator struct {
	cfg   genConfig
	r     *rand.Rand
	words []string
	zipf  *rand.Zipf
}

func newGenerator(seed uint64, cfg genConfig) *generator {
	r := rand.New(rand.NewPCG(seed, 42))
	return &generator{cfg: cfg, r: r, words: vocab(cfg.words), zipf: rand.NewZipf(r, 1.1, 2, uint64(cfg.words-1))}
}

func (g *generator) pick(xs []string, n int) string { return xs[g.r.IntN(min(n, len(xs)))] }

// textWord is Zipf-distributed, as words in running text are.
func (g *generator) textWord() string { return g.words[g.zipf.Uint64()] }

// keyword is uniform over the vocabulary: people subscribe to content words.
func (g *generator) keyword() string {
	if g.r.IntN(4) == 0 {
		return g.words[g.r.IntN(len(g.words))] + " " + g.words[g.r.IntN(len(g.words))]
	}
	return g.words[g.r.IntN(len(g.words))]
}

func (g *generator) hs() string {
	d := g.pick(genChapters, g.cfg.chapters)
	for n := 2 + 2*g.r.IntN(5); len(d) < n; {
		d += fmt.Sprintf("%02d", g.r.IntN(3)*10)
	}
	return d
}

func (g *generator) ics() string {
	c := g.pick(genFields, g.cfg.fields)
	switch g.r.IntN(3) {
	case 1:
		c += fmt.Sprintf(".%03d", 20+g.r.IntN(3)*20)
	case 2:
		c += fmt.Sprintf(".%03d.%02d", 20+g.r.IntN(3)*20, 10*(1+g.r.IntN(3)))
	}
	return c
}

func (g *generator) symbol() string {
	area := []string{"TBT", "SPS"}[g.r.IntN(2)]
	s := fmt.Sprintf("G/%s/N/%s/%d", area, g.pick(genMembers, g.cfg.members), 9000+g.r.IntN(g.cfg.roots))
	switch g.r.IntN(6) {
	case 0:
		s += fmt.Sprintf("/Add.%d", 1+g.r.IntN(3))
	case 1:
		s += fmt.Sprintf("/Rev.%d", 1+g.r.IntN(2))
	case 2:
		s += fmt.Sprintf("/Rev.1/Add.%d", 1+g.r.IntN(2))
	case 3:
		s += "/Corr.1"
	}
	return s
}

func (g *generator) words0(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.textWord()
	}
	return strings.Join(ws, " ")
}

func (g *generator) notification() kb.Notification {
	n := kb.Notification{
		Symbol:      g.symbol(),
		Title:       g.words0(5 + g.r.IntN(8)),
		TitleZh:     g.words0(g.r.IntN(4)),
		Description: g.words0(20 + g.r.IntN(40)),
		Products:    g.words0(2 + g.r.IntN(5)),
	}
	for range 1 + g.r.IntN(3) {
		n.HS = append(n.HS, g.hs())
	}
	for range g.r.IntN(3) {
		n.ICS = append(n.ICS, g.ics())
	}
	for range 1 + g.r.IntN(2) {
		n.Objectives = append(n.Objectives, g.pick(genObjectives, len(genObjectives)))
	}
	for range g.r.IntN(3) {
		n.Keywords = append(n.Keywords, g.textWord())
	}
	return n
}

// subscription draws each kind of condition with its own probability,
// retrying until there is a positive one.
func (g *generator) subscription(id int64) kb.Subscription {
	s := kb.Subscription{ID: id}
	p := func(pc int) int { // 0, or 1–3 values with probability pc %
		if g.r.IntN(100) >= pc {
			return 0
		}
		return 1 + g.r.IntN(3)
	}
	for s.Members == nil && s.Areas == nil && s.Types == nil && s.HS == nil && s.ICS == nil && s.Objectives == nil && s.Keywords == nil && s.Follow == nil {
		for range p(30) {
			s.Members = append(s.Members, g.pick(genMembers, g.cfg.members))
		}
		if g.r.IntN(100) < 25 {
			s.Areas = append(s.Areas, []kb.Area{kb.AreaTBT, kb.AreaSPS}[g.r.IntN(2)])
		}
		if g.r.IntN(100) < 10 {
			s.Types = append(s.Types, []kb.NotificationType{kb.TypeRegular, kb.TypeAddendum, kb.TypeRevision, kb.TypeCorrigendum}[g.r.IntN(4)])
		}
		for range p(40) {
			s.HS = append(s.HS, g.hs())
		}
		for range p(20) {
			s.ICS = append(s.ICS, g.ics())
		}
		for range p(10) {
			s.Objectives = append(s.Objectives, g.pick(genObjectives, len(genObjectives)))
		}
		for range p(40) {
			s.Keywords = append(s.Keywords, g.keyword())
		}
		for range p(5) {
			s.Follow = append(s.Follow, g.symbol())
		}
	}
	for range p(10) {
		s.Exclude = append(s.Exclude, g.keyword())
	}
	return s
}
