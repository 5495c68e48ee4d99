package alerts

import (
	"strings"
	"unicode"
)

// Folder turns text into the terms keyword matching compares: folded (lower
// case, traditional → simplified Chinese, stems, ...) and, if it expands,
// expanded. A keyword occurs in a notification when every term of
// Terms(keyword) is among the terms of the notification's text, so a
// Folder must fold a keyword and the same words in a text alike; one that
// expands across languages should map both languages' words to a shared
// term (a concept) rather than add one language's words to the other's.
type Folder interface {
	Terms(text string) []string
}

// plainFolder is the Folder used when none is given: lower-cased runs of
// letters and digits, with each Han character a term of its own, so that
// Chinese keywords match without a segmenter (as a bag of characters).
type plainFolder struct{}

func (plainFolder) Terms(text string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, strings.ToLower(text[start:end]))
			start = -1
		}
	}
	for i, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			flush(i)
			out = append(out, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(text))
	return out
}

// foldLabel folds a label such as an objective for equality: case and
// white space do not count.
func foldLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// termSet is the distinct terms of a notification's text.
type termSet map[string]struct{}

func (ts termSet) add(terms []string) {
	for _, t := range terms {
		ts[t] = struct{}{}
	}
}
