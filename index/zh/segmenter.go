package zh

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/go-ego/gse"
)

//go:generate go run ./internal/gendict -min-freq 5 -o dict_zh.txt.gz

//go:embed dict_zh.txt.gz
var dictGz []byte

func dictWords() (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(dictGz))
	if err != nil {
		return "", fmt.Errorf("read Chinese dictionary: %w", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return "", fmt.Errorf("read Chinese dictionary: %w", err)
	}
	return string(b), nil
}

// segmenter is the gse word segmenter with its dictionary, loaded once per
// process: the dictionary costs about two seconds and over 100 MiB, so
// every analyzer shares one, and it is loaded in the background while the
// rest of the program starts (Preload).
type segmenter struct {
	once  sync.Once
	seg   gse.Segmenter
	err   error
	took  time.Duration
	words []string
}

// shared is the process's segmenter. bleve's analysis registry is global
// (analyzers are looked up by name when an index is opened), so the
// tokenizer it constructs needs a process-wide dictionary to refer to.
var shared = &segmenter{}

// Preload starts loading the dictionary in the background, with the extra
// domain words given (glossary terms, technical terms) added so that they
// stay whole. Tokenizing waits for the load to finish. Calling it again
// has no effect.
func Preload(extraWords []string) {
	go shared.load(extraWords)
}

// Load loads the dictionary now (or waits for a load under way) and
// reports how long the load took.
func Load(extraWords []string) (time.Duration, error) {
	s := shared.get(extraWords)
	return s.took, s.err
}

func (s *segmenter) load(extra []string) { s.get(extra) }

func (s *segmenter) get(extra []string) *segmenter {
	s.once.Do(func() {
		start := time.Now()
		// Domain words go in first: a word already present keeps the entry
		// added first, and the dictionary's costly path computation
		// (CalcToken) then runs once, at the end of the main load.
		s.seg.Dict = gse.NewDict()
		s.seg.NotLoadHMM = true // Segment uses the dictionary only
		s.seg.Init()
		s.words = append(domainWords(), extra...)
		for _, w := range s.words {
			if w = Simplify(w); w != "" {
				// A high frequency keeps the term whole against the
				// dictionary's own ways of cutting it.
				if err := s.seg.AddToken(w, 100000, "nz"); err != nil {
					s.err = fmt.Errorf("add %q to the dictionary: %w", w, err)
					return
				}
			}
		}
		// Only simplified words (text is folded to simplified characters
		// before it is segmented), and only those frequent enough to matter:
		// see internal/gendict. The list is embedded, so a deployed binary
		// needs no module cache.
		words, err := dictWords()
		if err != nil {
			s.err = err
			return
		}
		if err := s.seg.LoadDictStr(words); err != nil {
			s.err = fmt.Errorf("load Chinese dictionary: %w", err)
			return
		}
		s.took = time.Since(start)
	})
	return s
}
