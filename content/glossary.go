package content

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Entry is one glossary concept: its Chinese and English terms.
type Entry struct {
	Zh     []string
	En     []string
	Sector string
}

// Glossary maps Chinese and English terms of one concept to each other.
// Standards staff edit it as content/glossary.tsv.
type Glossary struct {
	Entries []Entry
}

// Glossary reads the embedded glossary.
func LoadGlossary() (*Glossary, error) {
	f, err := files.Open("glossary.tsv")
	if err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	defer f.Close()
	return ReadGlossary(f)
}

// ReadGlossary parses a glossary: tab-separated zh, en, sector columns,
// synonyms separated by "|", a header line, "#" comments.
func ReadGlossary(r io.Reader) (*Glossary, error) {
	g := &Glossary{}
	sc := bufio.NewScanner(r)
	line, header := 0, false
	seen := map[string]int{}
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if !header {
			if len(cols) < 2 || cols[0] != "zh" || cols[1] != "en" {
				return nil, fmt.Errorf("glossary:%d: header must start with zh<TAB>en", line)
			}
			header = true
			continue
		}
		if len(cols) < 2 {
			return nil, fmt.Errorf("glossary:%d: want zh<TAB>en<TAB>sector", line)
		}
		e := Entry{Zh: splitTerms(cols[0]), En: splitTerms(cols[1])}
		if len(cols) > 2 {
			e.Sector = strings.TrimSpace(cols[2])
		}
		if len(e.Zh) == 0 || len(e.En) == 0 {
			return nil, fmt.Errorf("glossary:%d: both a Chinese and an English term are needed", line)
		}
		for _, t := range append(append([]string{}, e.Zh...), e.En...) {
			k := strings.ToLower(t)
			if prev, dup := seen[k]; dup {
				return nil, fmt.Errorf("glossary:%d: %q is already on line %d", line, t, prev)
			}
			seen[k] = line
		}
		g.Entries = append(g.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	return g, nil
}

func splitTerms(s string) []string {
	var out []string
	for _, t := range strings.Split(s, "|") {
		if t = strings.Join(strings.Fields(t), " "); t != "" {
			out = append(out, t)
		}
	}
	return out
}
