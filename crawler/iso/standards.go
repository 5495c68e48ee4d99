package iso

import (
	"fmt"
	"strconv"

	"github.com/stdbridge/stdbridge/kb"
)

// SourceName is what records from this package carry in Sources.
const SourceName = "ISO Open Data"

// MaxScope bounds a record's scope, in characters.
const MaxScope = 2000

// Harmonized stage codes (ISO/IEC Directives, Part 1, Annex SD) that
// decide a deliverable's status.
const (
	StageUnderPublication = 6000 // 60.00: approved, being published
	StagePublished        = 6060 // 60.60
	StageWithdrawn        = 9599 // 95.99; 95.20 and 95.60 are a withdrawal still being voted on
)

// Standards turns the catalogue into records, in file order. Drafts
// (stage below 60.00, including abandoned projects) are only counted in
// skipped. A deliverable whose reference kb.ParseStandardNumber rejects
// (ISO Guide, ISO/R, ISO/ASTM and other co-published prefixes), whose
// stage is missing or unknown, or whose number repeats an earlier one's is
// a problem and gives no record. Values that would not normalise (an ICS
// code or a date in a wrong shape) are dropped from the record and
// reported as problems too, so every record returned normalises.
//
// Replaces and ReplacedBy are resolved from ids to references; an id not
// in the file, a draft (a revision under way replaces nothing yet) and a
// reference that does not parse are dropped.
func (c *Catalogue) Standards() (recs []*kb.Standard, skipped int, problems []Problem) {
	idx := make(map[int]int, len(c.Deliverables))
	for i, d := range c.Deliverables {
		if _, dup := idx[d.ID]; !dup {
			idx[d.ID] = i
		}
	}
	// Parse every reference once: each is needed again by the deliverables
	// that name it.
	canon := make([]string, len(c.Deliverables))
	parseErr := make([]error, len(c.Deliverables))
	for i, d := range c.Deliverables {
		// Normalize cleans list entries before parsing them (dropping
		// U+FFFD, for one): parse the reference as it will be parsed
		// when it is named in Replaces.
		canon[i], parseErr[i] = kb.CanonicalStandardNumber(kb.CleanText(d.Reference))
	}
	related := func(self int, ids []int) []string {
		var out []string
		seen := map[string]bool{canon[self]: true}
		for _, id := range ids {
			j, ok := idx[id]
			if !ok || parseErr[j] != nil || isDraft(c.Deliverables[j].CurrentStage) || seen[canon[j]] {
				continue
			}
			seen[canon[j]] = true
			out = append(out, canon[j])
		}
		return out
	}
	firstLine := map[string]int{}
	for i := range c.Deliverables {
		d := &c.Deliverables[i]
		line := c.line(i)
		problem := func(format string, args ...any) {
			problems = append(problems, Problem{Line: line, Reference: d.Reference, Reason: fmt.Sprintf(format, args...)})
		}
		if isDraft(d.CurrentStage) {
			skipped++
			continue
		}
		status, err := stageStatus(d.CurrentStage)
		if err != nil {
			problem("%v", err)
			continue
		}
		if parseErr[i] != nil {
			problem("reference: %v", parseErr[i])
			continue
		}
		if first, dup := firstLine[canon[i]]; dup {
			problem("%s already given on line %d", canon[i], first)
			continue
		}
		firstLine[canon[i]] = line
		s := &kb.Standard{
			Number:     d.Reference,
			TitleEn:    cleanLine(d.Title.En()),
			Status:     status,
			Replaces:   related(i, d.Replaces),
			ReplacedBy: related(i, d.ReplacedBy),
			Scope:      cleanScope(d.Scope.En(), MaxScope),
			URL:        "https://www.iso.org/standard/" + strconv.Itoa(d.ID) + ".html",
			Sources:    []string{SourceName},
		}
		for _, code := range d.ICSCode {
			if _, err := kb.ParseICS(code); err != nil {
				problem("icsCode dropped: %v", err)
				continue
			}
			s.ICS = append(s.ICS, code)
		}
		if d.PublicationDate != "" {
			if date, err := publicationDate(d.PublicationDate); err != nil {
				problem("publicationDate dropped: %v", err)
			} else {
				s.Issued = date
			}
		}
		// Whatever slipped through the checks above must not reach the
		// crawler as a record that fails to normalise.
		probe := *s
		if err := probe.Normalize(); err != nil {
			problem("record does not normalise: %v", err)
			continue
		}
		recs = append(recs, s)
	}
	return recs, skipped, problems
}

func (c *Catalogue) line(i int) int {
	if i < len(c.lines) {
		return c.lines[i]
	}
	return 0
}

// isDraft reports whether a stage is before 60.00: a project under
// development, or one deleted (xx.98) before it was published. A missing
// stage (0) is not a draft but a problem.
func isDraft(stage int) bool { return stage > 0 && stage < StageUnderPublication }

// stageStatus maps a published deliverable's stage to its status.
func stageStatus(stage int) (kb.Status, error) {
	switch {
	case stage == 0:
		return "", fmt.Errorf("no currentStage")
	case stage < StageUnderPublication:
		return "", fmt.Errorf("currentStage %d is a draft", stage)
	case stage < StagePublished:
		// 60.00: approved and in ISO's hands, not yet on sale.
		return kb.StatusUpcoming, nil
	case stage < StageWithdrawn:
		// 60.60 published, 90.xx under review (still current), and 95.20,
		// 95.60 and 95.92: withdrawal voted on, or decided against.
		return kb.StatusCurrent, nil
	case stage == StageWithdrawn:
		return kb.StatusWithdrawn, nil
	}
	return "", fmt.Errorf("currentStage %d is not a harmonized stage code", stage)
}

// publicationDate accepts ISO's YYYY-MM-DD, and a timestamp such as
// 2015-09-22T00:00:00Z by its date part.
func publicationDate(s string) (kb.Date, error) {
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	return kb.ParseDate(s)
}
