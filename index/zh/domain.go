package zh

import (
	_ "embed"
	"strings"
)

//go:embed domain.txt
var domainList string

// domainWords are the technical terms from domain.txt.
func domainWords() []string {
	var out []string
	for _, line := range strings.Split(domainList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}
