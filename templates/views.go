package templates

import (
	"html/template"

	"github.com/stdbridge/stdbridge/content"
	"github.com/stdbridge/stdbridge/kb"
)

// KindCount is how many records of a kind the knowledge base holds.
type KindCount struct {
	Kind  kb.Kind
	Count int
}

// NotificationItem is a notification in a list.
type NotificationItem struct {
	N        *kb.Notification
	Open     bool // the comment period is running
	DaysLeft int  // days until the comment deadline, when Open
}

// StandardView is a standard's page. S is nil when the knowledge base has
// no record of the standard but other records refer to it.
type StandardView struct {
	Number       string
	S            *kb.Standard
	Parsed       kb.StdNumber
	Titles       map[string]string // titles of the linked standards, in the page's language
	AdoptedBy    []kb.Adoption     // standards adopting this one, with their degree
	Replaces     []string
	ReplacedBy   []string
	Regulations  []RegulationRef
	Mappings     []*kb.Mapping
	Requirements []RequirementGroup
	// Suggested are the standards on the other side that likely
	// correspond, ranked, with the evidence.
	Suggested []SuggestionView
}

// SuggestionView is a suggested corresponding standard.
type SuggestionView struct {
	Number, Title string
	Degree        kb.Degree
	// Recorded is set when an adoption record or a mapping backs it;
	// otherwise it is inferred from numbers, ICS codes and titles.
	Recorded bool
	Evidence []string
}

// CitedView is a standard a notification references, with the GB
// standards recorded as its equivalents and what differs.
type CitedView struct {
	Ref
	Title       string
	Equivalents []EquivalentView
}

// EquivalentView is a GB standard corresponding to a cited one.
type EquivalentView struct {
	Number, Title string
	Degree        kb.Degree
	Deviations    template.HTML // from an approved mapping; empty when none is recorded
	CompareURL    string        // the indicator comparison both take part in, if any
}

// RegulationRef is a regulation in a list.
type RegulationRef struct {
	ID    string
	Title string
}

// RequirementGroup is a source's requirement rows of one topic.
type RequirementGroup struct {
	Topic string
	Rows  []*kb.Requirement
}

// NotificationView is a notification's page.
type NotificationView struct {
	N         *kb.Notification
	Member    kb.Member
	Open      bool
	DaysLeft  int
	Chain     []*kb.Notification // oldest first; empty without a symbol
	Standards []CitedView        // the standards it cites, with their GB equivalents
	// Suggested are GB standards related by the notification's title,
	// when its cited standards give none.
	Suggested []SuggestionView
}

// Ref is a cited identifier, linked when it names something we can show.
type Ref struct {
	Text string
	URL  string // empty when not linkable
}

// RegulationView is a regulation's page.
type RegulationView struct {
	R            *kb.Regulation
	Titles       map[string]string // titles of the referenced standards
	Requirements []RequirementGroup
}

// MappingsView lists every mapping in groups.
type MappingsView struct {
	Total  int
	Groups []MappingGroup
}

// MappingGroup is the mappings of one foreign publisher (ISO, EN, ...).
type MappingGroup struct {
	Name     string
	Mappings []*kb.Mapping
}

// MappingView is one mapping's page.
type MappingView struct {
	M             *kb.Mapping
	Deviations    template.HTML // rendered Markdown, raw HTML escaped
	ForeignTitle  string
	DomesticTitle string
}

// CompareSource is one column: a standard or a regulation.
type CompareSource struct {
	Name string
	URL  string
}

// GuideView is a guide's page; Fallback says it is not in the wanted language.
type GuideView struct {
	G        content.Guide
	Fallback bool
}

// ErrorView is an error page.
type ErrorView struct {
	Status  int
	Heading string
	Message string
}

// FieldDiff is one field that changed between two versions; Lines is
// set instead of Old and New for long texts compared line by line.
type FieldDiff struct {
	Field    string
	Old, New string
	Lines    []DiffLine
}

// DiffLine is one line of a line diff: Op is "+", "-" or " ".
type DiffLine struct {
	Op, Text string
}
