// Command gent2s writes t2s_table.go, package zh's table for folding
// traditional Chinese to simplified, from OpenCC's dictionaries as Debian
// ships them. Run it through go generate in index/zh:
//
//	apt-get install -y libopencc1.1 opencc   # the .ocd2 files; opencc_dict
//	go generate ./index/zh
//
// The source is OpenCC (TSCharacters, TSPhrases) rather than Unihan's
// kSimplifiedVariant (Debian's unicode-data): OpenCC is made for
// conversion, so its first candidate is the usual simplified form
// (嶽→岳, 鑑→鉴, 讚→赞, 乾→干) where Unihan lists variants in no order of
// preference, often the traditional form itself first (乾: 乾 干; 裡: 裡 里)
// or a rare extension-block character (嶽→𰎫); and only OpenCC has
// phrases. Unihan's extra entries are mostly such rare characters, which
// the equal-length rule below would drop anyway.
//
// Output is a function of the two dictionaries alone (entries sorted, no
// dates or host names), so running it twice on the same package version
// gives the same file.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.chars, "chars", "/usr/share/opencc/TSCharacters.ocd2", "OpenCC character dictionary (.ocd2, or OpenCC's .txt source form)")
	flag.StringVar(&cfg.phrases, "phrases", "/usr/share/opencc/TSPhrases.ocd2", "OpenCC phrase dictionary (.ocd2 or .txt)")
	flag.StringVar(&cfg.dictTool, "opencc-dict", "opencc_dict", "OpenCC's opencc_dict, to turn .ocd2 into text")
	flag.StringVar(&cfg.source, "source", "", `source named in the output, "package version"; default: asks dpkg which package owns -chars`)
	flag.StringVar(&cfg.out, "o", "t2s_table.go", "output file")
	flag.BoolVar(&cfg.verbose, "v", false, "list the dropped pairs on standard error")
	flag.Parse()
	if err := run(cfg, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gent2s:", err)
		os.Exit(1)
	}
}

type config struct {
	chars, phrases, dictTool, source, out string
	verbose                               bool
}

func run(cfg config, log io.Writer) error {
	tmp, err := os.MkdirTemp("", "gent2s")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	charLines, err := readDict(cfg.chars, cfg.dictTool, tmp)
	if err != nil {
		return err
	}
	phraseLines, err := readDict(cfg.phrases, cfg.dictTool, tmp)
	if err != nil {
		return err
	}
	source := cfg.source
	if source == "" {
		if source, err = debianPackage(cfg.chars); err != nil {
			return fmt.Errorf("name the source with -source: %w", err)
		}
	}

	t, err := build(charLines, phraseLines, filepath.Base(cfg.chars), filepath.Base(cfg.phrases))
	if err != nil {
		return err
	}
	t.source = source
	src, err := t.render()
	if err != nil {
		return err
	}
	if err := writeFile(cfg.out, src); err != nil {
		return err
	}
	fmt.Fprintf(log, "gent2s: %s: %s\n", cfg.out, t.summary())
	if cfg.verbose {
		for _, d := range t.droppedChars {
			fmt.Fprintf(log, "dropped character %c (U+%04X, %d bytes) → %c (U+%04X, %d bytes)\n",
				d.t, d.t, utf8.RuneLen(d.t), d.s, d.s, utf8.RuneLen(d.s))
		}
		for _, d := range t.droppedPhrases {
			fmt.Fprintf(log, "dropped phrase %s (%d bytes) → %s (%d bytes)\n", d.t, len(d.t), d.s, len(d.s))
		}
	}
	return nil
}

// entry is one dictionary line: a key and its candidates, best first.
type entry struct {
	line int
	key  string
	vals []string
}

// readDict reads an OpenCC dictionary, converting the binary .ocd2 form
// that Debian ships to text with opencc_dict first.
func readDict(path, tool, tmp string) ([]entry, error) {
	text := path
	if !strings.HasSuffix(path, ".txt") {
		text = filepath.Join(tmp, filepath.Base(path)+".txt")
		cmd := exec.Command(tool, "-i", path, "-o", text, "-f", "ocd2", "-t", "text")
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("convert %s with %s: %w: %s", path, tool, err, bytes.TrimSpace(out))
		}
	}
	f, err := os.Open(text)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	es, err := parseDict(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return es, nil
}

// parseDict parses OpenCC's text form: "key<TAB>value[ value...]".
func parseDict(r io.Reader) ([]entry, error) {
	var es []entry
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" {
			continue
		}
		key, vals, ok := strings.Cut(line, "\t")
		if !ok || key == "" || strings.TrimSpace(vals) == "" {
			return nil, fmt.Errorf("line %d: want key, tab, values: %q", n, line)
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("line %d: not UTF-8", n)
		}
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("line %d: %s already defined on line %d", n, key, prev)
		}
		seen[key] = n
		es = append(es, entry{line: n, key: key, vals: strings.Fields(vals)})
	}
	return es, sc.Err()
}

// debianPackage names the Debian package that owns path, with its version.
func debianPackage(path string) (string, error) {
	out, err := exec.Command("dpkg-query", "-S", path).Output()
	if err != nil {
		return "", fmt.Errorf("dpkg-query -S %s: %w", path, err)
	}
	pkg, _, ok := strings.Cut(strings.TrimSpace(string(out)), ":")
	if !ok {
		return "", fmt.Errorf("dpkg-query -S %s: unexpected answer %q", path, out)
	}
	ver, err := exec.Command("dpkg-query", "-W", "-f", "${Version}", pkg).Output()
	if err != nil {
		return "", fmt.Errorf("dpkg-query -W %s: %w", pkg, err)
	}
	return pkg + " " + string(ver), nil
}

type runePair struct{ t, s rune }
type phrasePair struct{ t, s string }

type table struct {
	source               string
	charFile, phraseFile string

	chars   []runePair   // sorted by t
	phrases []phrasePair // sorted by t

	// What was read and what was left out, for the header and the log.
	charsRead, charsIdentity, charsMulti, charsChained int
	droppedChars                                       []runePair
	phrasesRead, phrasesCharwise, phrasesFixed         int
	droppedPhrases                                     []phrasePair
}

// build turns the dictionaries into the table. Every kept pair has the
// same UTF-8 length on both sides, so replacing text never moves a byte
// offset.
func build(charLines, phraseLines []entry, charFile, phraseFile string) (*table, error) {
	t := &table{charFile: charFile, phraseFile: phraseFile, charsRead: len(charLines), phrasesRead: len(phraseLines)}

	direct := map[rune]rune{}
	for _, e := range charLines {
		k, ok := single(e.key)
		if !ok {
			return nil, fmt.Errorf("%s line %d: key %q is not one character", charFile, e.line, e.key)
		}
		// The first candidate is OpenCC's choice when it converts without
		// a phrase to decide (阪: 阪 坂 → 阪).
		v, ok := single(e.vals[0])
		if !ok {
			return nil, fmt.Errorf("%s line %d: value %q is not one character", charFile, e.line, e.vals[0])
		}
		if len(e.vals) > 1 {
			t.charsMulti++
		}
		switch {
		case k == v:
			t.charsIdentity++
		case utf8.RuneLen(k) != utf8.RuneLen(v):
			t.droppedChars = append(t.droppedChars, runePair{k, v})
		default:
			direct[k] = v
		}
	}
	slices.SortFunc(t.droppedChars, func(a, b runePair) int { return cmp.Compare(a.t, b.t) })

	// Follow chains (薴→苧→苎) to their end, so that simplified text is a
	// fixed point: folding it again changes nothing.
	final := map[rune]rune{}
	for k, v := range direct {
		end, steps := v, 0
		for next, ok := direct[end]; ok; next, ok = direct[end] {
			end = next
			if steps++; steps > len(direct) {
				return nil, fmt.Errorf("%s: cycle through %c", charFile, k)
			}
		}
		if end != v {
			t.charsChained++
		}
		if end != k {
			final[k] = end
			t.chars = append(t.chars, runePair{k, end})
		}
	}
	slices.SortFunc(t.chars, func(a, b runePair) int { return cmp.Compare(a.t, b.t) })
	charwise := func(s string) string {
		return strings.Map(func(r rune) rune {
			if v, ok := final[r]; ok {
				return v
			}
			return r
		}, s)
	}

	phrases := map[string]string{}
	for _, e := range phraseLines {
		if utf8.RuneCountInString(e.key) < 2 {
			return nil, fmt.Errorf("%s line %d: phrase %q is one character", phraseFile, e.line, e.key)
		}
		v := e.vals[0]
		switch {
		case v == charwise(e.key):
			// Nothing a phrase adds over the characters.
			t.phrasesCharwise++
		case len(v) != len(e.key):
			t.droppedPhrases = append(t.droppedPhrases, phrasePair{e.key, v})
		default:
			phrases[e.key] = v
		}
	}
	// A phrase's simplified form can keep a character that is folded
	// elsewhere (乾坤 in 扭转乾坤, 徵 in 变徵): map such a form to itself,
	// so that it stays as it is when folded again.
	values := make([]string, 0, len(phrases))
	for _, v := range phrases {
		values = append(values, v)
	}
	slices.Sort(values)
	for _, v := range values {
		if _, ok := phrases[v]; !ok && charwise(v) != v {
			phrases[v] = v
			t.phrasesFixed++
		}
	}
	for k, v := range phrases {
		t.phrases = append(t.phrases, phrasePair{k, v})
	}
	slices.SortFunc(t.phrases, func(a, b phrasePair) int { return strings.Compare(a.t, b.t) })
	slices.SortFunc(t.droppedPhrases, func(a, b phrasePair) int { return strings.Compare(a.t, b.t) })
	return t, nil
}

func single(s string) (rune, bool) {
	r, n := utf8.DecodeRuneInString(s)
	return r, r != utf8.RuneError && n == len(s)
}

func (t *table) summary() string {
	return fmt.Sprintf("Characters: %d read (%d with more than one candidate, the first taken), %d already simplified, %d dropped for UTF-8 length, %d kept (%d by following a chain). Phrases: %d read, %d same as character by character, %d dropped for UTF-8 length, %d kept, plus %d that keep a simplified form as it is; %d in all.",
		t.charsRead, t.charsMulti, t.charsIdentity, len(t.droppedChars), len(t.chars), t.charsChained,
		t.phrasesRead, t.phrasesCharwise, len(t.droppedPhrases), len(t.phrases)-t.phrasesFixed, t.phrasesFixed, len(t.phrases))
}

func (t *table) render() ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by gent2s from %s (%s, %s). DO NOT EDIT.\n\n", t.source, t.charFile, t.phraseFile)
	fmt.Fprintf(&b, "// Source: Debian package %s (OpenCC).\n", t.source)
	for _, line := range wrap(t.summary(), 76) {
		fmt.Fprintf(&b, "// %s\n", line)
	}
	b.WriteString("\npackage zh\n\n")
	b.WriteString("// t2sChars folds single characters, sorted by T.\n")
	b.WriteString("var t2sChars = [...]runePair{\n")
	for _, p := range t.chars {
		fmt.Fprintf(&b, "\t{%s, %s},\n", quoteRune(p.t), quoteRune(p.s))
	}
	b.WriteString("}\n\n")
	b.WriteString("// t2sPhrases folds phrases whose simplified form is not that of their\n// characters one by one, sorted by T.\n")
	b.WriteString("var t2sPhrases = [...]phrasePair{\n")
	for _, p := range t.phrases {
		first, _ := utf8.DecodeRuneInString(p.t)
		fmt.Fprintf(&b, "\t{%s, %q, %q},\n", quoteRune(first), p.t, p.s)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// quoteRune writes r as a rune literal: the character itself when it is
// printable, so that the table can be read and reviewed.
func quoteRune(r rune) string {
	return fmt.Sprintf("%q", r)
}

func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// writeFile replaces path whole or not at all.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gent2s-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
