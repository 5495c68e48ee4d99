package mapping

import (
	"sort"
	"strings"

	"github.com/stdbridge/stdbridge/content"
)

// Glossary translates English title words and phrases to Chinese terms,
// so a foreign title can be matched against a GB standard's Chinese one.
type Glossary struct {
	zh map[string][]string // lower-case English term → Chinese terms
	// longest English term in words, so phrases are tried longest first
	maxWords int
}

// NewGlossary builds the translation from the site's glossary.
func NewGlossary(g *content.Glossary) *Glossary {
	out := &Glossary{zh: map[string][]string{}}
	if g == nil {
		return out
	}
	for _, e := range g.Entries {
		for _, en := range e.En {
			key := strings.Join(words(en), " ")
			if key == "" {
				continue
			}
			out.zh[key] = append(out.zh[key], e.Zh...)
			if n := len(strings.Fields(key)); n > out.maxWords {
				out.maxWords = n
			}
		}
	}
	return out
}

// Chinese lists the Chinese terms of the English title's words and
// phrases, longest phrases first, each term once.
func (g *Glossary) Chinese(title string) []string {
	if g == nil || len(g.zh) == 0 {
		return nil
	}
	ws := words(title)
	seen := map[string]bool{}
	var out []string
	for i := 0; i < len(ws); {
		matched := 1
		for n := min(g.maxWords, len(ws)-i); n >= 1; n-- {
			if terms, ok := g.zh[strings.Join(ws[i:i+n], " ")]; ok {
				for _, t := range terms {
					if !seen[t] {
						seen[t] = true
						out = append(out, t)
					}
				}
				matched = n
				break
			}
		}
		i += matched
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}
