package iso

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Deliverable is one line of iso_deliverables_metadata.jsonl as ISO writes
// it. JSON null and absent fields decode to zero values; numbers written
// as strings ("62085") are accepted, as is a title or scope given as a
// plain string instead of an object keyed by language.
type Deliverable struct {
	ID              int            `json:"id"`
	DeliverableType string         `json:"deliverableType"`          // IS, TS, TR, PAS, IWA, Guide, R, DIR, ...
	SupplementType  string         `json:"supplementType,omitempty"` // Amd, Cor, Suppl; "" for null
	Reference       string         `json:"reference"`                // "ISO 9001:2015", "ISO/DIS 9001"
	Title           Text           `json:"title,omitempty"`
	PublicationDate string         `json:"publicationDate,omitempty"` // YYYY-MM-DD
	Edition         int            `json:"edition,omitempty"`
	ICSCode         []string       `json:"icsCode,omitempty"`
	OwnerCommittee  string         `json:"ownerCommittee,omitempty"`
	CurrentStage    int            `json:"currentStage"` // harmonized stage code, 6060 for 60.60
	Replaces        []int          `json:"replaces,omitempty"`
	ReplacedBy      []int          `json:"replacedBy,omitempty"`
	Languages       []string       `json:"languages,omitempty"`
	Pages           map[string]int `json:"pages,omitempty"`
	Scope           Text           `json:"scope,omitempty"` // HTML, as ISO writes it
}

// Text is a text in several languages keyed by ISO 639-1 code ("en", "fr").
type Text map[string]string

// En is the English text, or "".
func (t Text) En() string { return t["en"] }

// UnmarshalJSON accepts {"en":"..","fr":null}, a plain string (taken as
// English) and null.
func (t *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*t = nil
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = nil
		if s != "" {
			*t = Text{"en": s}
		}
		return nil
	case b[0] != '{':
		return fmt.Errorf("want an object keyed by language or a string, got %s", preview(b))
	}
	var m map[string]*string
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("want an object keyed by language: %w", err)
	}
	*t = nil
	for lang, s := range m {
		if s == nil || *s == "" {
			continue
		}
		if *t == nil {
			*t = Text{}
		}
		(*t)[lang] = *s
	}
	return nil
}

// wireDeliverable is the lenient shape Deliverable is decoded through.
type wireDeliverable struct {
	ID              flexInt            `json:"id"`
	DeliverableType string             `json:"deliverableType"`
	SupplementType  string             `json:"supplementType"`
	Reference       string             `json:"reference"`
	Title           Text               `json:"title"`
	PublicationDate string             `json:"publicationDate"`
	Edition         flexInt            `json:"edition"`
	ICSCode         flexStrings        `json:"icsCode"`
	OwnerCommittee  string             `json:"ownerCommittee"`
	CurrentStage    flexInt            `json:"currentStage"`
	Replaces        flexInts           `json:"replaces"`
	ReplacedBy      flexInts           `json:"replacedBy"`
	Languages       flexStrings        `json:"languages"`
	Pages           map[string]flexInt `json:"pages"`
	Scope           Text               `json:"scope"`
}

// UnmarshalJSON decodes one line leniently (see Deliverable). A field of
// the wrong type is still an error: guessing could attach a wrong id.
func (d *Deliverable) UnmarshalJSON(b []byte) error {
	var w wireDeliverable
	err := json.Unmarshal(b, &w)
	// encoding/json goes on after a type error; keep what it decoded so a
	// problem can at least name the reference.
	*d = Deliverable{
		ID:              int(w.ID),
		DeliverableType: strings.TrimSpace(w.DeliverableType),
		SupplementType:  strings.TrimSpace(w.SupplementType),
		Reference:       strings.TrimSpace(w.Reference),
		Title:           w.Title,
		PublicationDate: strings.TrimSpace(w.PublicationDate),
		Edition:         int(w.Edition),
		ICSCode:         []string(w.ICSCode),
		OwnerCommittee:  strings.TrimSpace(w.OwnerCommittee),
		CurrentStage:    int(w.CurrentStage),
		Replaces:        []int(w.Replaces),
		ReplacedBy:      []int(w.ReplacedBy),
		Languages:       []string(w.Languages),
		Scope:           w.Scope,
	}
	if err != nil && d.Reference == "" {
		// An error in a custom field stops the decoder; look for the
		// reference alone.
		var ref struct{ Reference string }
		_ = json.Unmarshal(b, &ref)
		d.Reference = strings.TrimSpace(ref.Reference)
	}
	for lang, n := range w.Pages {
		if n > 0 {
			if d.Pages == nil {
				d.Pages = map[string]int{}
			}
			d.Pages[lang] = int(n)
		}
	}
	return err
}

// flexInt is an integer written as a JSON number or a string of digits;
// null and "" are 0.
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*n = 0
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			*n = 0
			return nil
		}
	}
	if v, err := strconv.Atoi(s); err == nil {
		*n = flexInt(v)
		return nil
	}
	// 6060.0 from a tool that writes every number as a float.
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return fmt.Errorf("want an integer, got %s", preview(b))
	}
	*n = flexInt(f)
	return nil
}

// flexInts is a list of integers; a single integer is a list of one.
type flexInts []int

func (l *flexInts) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '[' {
		var n flexInt
		if err := n.UnmarshalJSON(b); err != nil {
			return err
		}
		*l = nil
		if n != 0 {
			*l = flexInts{int(n)}
		}
		return nil
	}
	var raw []flexInt
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*l = nil
	for _, n := range raw {
		if n != 0 {
			*l = append(*l, int(n))
		}
	}
	return nil
}

// flexStrings is a list of strings; a single string is a list of one.
type flexStrings []string

func (l *flexStrings) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	var raw []*string
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		raw = []*string{&s}
	} else if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*l = nil
	for _, s := range raw {
		if s != nil && strings.TrimSpace(*s) != "" {
			*l = append(*l, strings.TrimSpace(*s))
		}
	}
	return nil
}

// preview quotes the start of b for an error message.
func preview(b []byte) string {
	const max = 40
	if len(b) > max {
		return strconv.Quote(string(b[:max])) + "..."
	}
	return strconv.Quote(string(b))
}
