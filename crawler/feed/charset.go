package feed

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// charsetReader decodes the single-byte encodings older feeds declare
// (ISO-8859-1, Windows-1252, ASCII) without another module; encoding/xml
// reads UTF-8 itself and asks for anything else.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return input, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1":
		return &singleByte{r: bufio.NewReader(input)}, nil
	case "windows-1252", "cp1252", "x-cp1252":
		return &singleByte{r: bufio.NewReader(input), high: []rune(cp1252)}, nil
	}
	return nil, fmt.Errorf("unsupported charset %q (want UTF-8, ISO-8859-1 or Windows-1252)", label)
}

// cp1252 is what Windows-1252 puts at 0x80-0x9F; the five unassigned
// bytes keep their Latin-1 (C1 control) meaning.
const cp1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"

// singleByte turns a single-byte encoding into UTF-8: bytes are code
// points (Latin-1), except 0x80-0x9F when high remaps them.
type singleByte struct {
	r    *bufio.Reader
	high []rune
	buf  []byte // encoded but not yet returned
}

func (s *singleByte) Read(p []byte) (int, error) {
	for len(s.buf) < len(p) {
		b, err := s.r.ReadByte()
		if err != nil {
			if len(s.buf) > 0 {
				break
			}
			return 0, err
		}
		r := rune(b)
		if b >= 0x80 && b <= 0x9F && s.high != nil {
			r = s.high[b-0x80]
		}
		s.buf = utf8.AppendRune(s.buf, r)
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}
