package tris

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// message is a notification message's numbered fields, each as its lines.
type message map[string][]string

// field is the field's text on one line; "-" (TRIS's "nothing") is "".
func (m message) field(key string) string {
	s := strings.Join(m[key], " ")
	if strings.Trim(s, " -–") == "" {
		return ""
	}
	return s
}

// paragraphs is the field's lines as paragraphs.
func (m message) paragraphs(key string) string {
	s := strings.Join(m[key], "\n")
	if strings.Trim(s, " -–\n") == "" {
		return ""
	}
	return s
}

var (
	reMSGLine    = regexp.MustCompile(`^(?:1\.\s*)?MSG\s+0*1\b`)
	reFieldStart = regexp.MustCompile(`^(\d{1,2}[AB]?)\.\s*(.*)$`)
)

// fieldRank orders the message's fields; 0 means not a field label.
func fieldRank(label string) int {
	switch label {
	case "1":
		return 10
	case "2":
		return 20
	case "3", "3A":
		return 30
	case "3B":
		return 35
	}
	n := 0
	for _, c := range label {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	if n < 4 || n > 16 {
		return 0
	}
	return n * 10
}

// readMessage finds the notification message (it starts with the
// structured information line "1. MSG 001 IND ...") and splits it into
// its numbered fields. A line opens a field only when its number comes
// after the current field's, so that numbered lists inside the main
// content stay in it. ok is false when the page has no message.
func readMessage(doc *html.Node) (message, bool) {
	ls := messageLines(doc)
	if ls == nil {
		return nil, false
	}
	m := message{}
	key, rank := "", 0
	for _, l := range ls {
		if sm := reFieldStart.FindStringSubmatch(l); sm != nil {
			label, r := sm[1], fieldRank(sm[1])
			if label == "3" && rank == 30 {
				label, r = "3B", 35 // a second "3." is the originating department
			}
			if label == "3" {
				label = "3A"
			}
			if r > rank {
				key, rank = label, r
				if sm[2] != "" {
					m[key] = append(m[key], sm[2])
				} else if _, ok := m[key]; !ok {
					m[key] = nil
				}
				continue
			}
		}
		if key == "" {
			if reMSGLine.MatchString(l) {
				key, rank = "1", 10
				m[key] = append(m[key], l)
			}
			continue
		}
		m[key] = append(m[key], l)
	}
	return m, len(m) > 0
}

// messageLines is the text of the smallest element holding the whole
// message: the structured information line and at least a title.
func messageLines(doc *html.Node) []string {
	var start *html.Node
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && skipped(n) {
			return false
		}
		if n.Type == html.TextNode && reMSGLine.MatchString(strings.TrimSpace(n.Data)) {
			start = n
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	if !walk(doc) {
		return nil
	}
	for e := start.Parent; e != nil; e = e.Parent {
		ls := lines(e)
		from := -1
		for i, l := range ls {
			if from < 0 && reMSGLine.MatchString(l) {
				from = i
				continue
			}
			if from >= 0 && strings.HasPrefix(l, "5.") {
				return ls[from:]
			}
		}
	}
	return nil
}
