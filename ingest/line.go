package ingest

import (
	"bufio"
	"bytes"
	"io"
)

// ReadLine returns the next line of a JSON Lines stream without its line
// end, and whether it had one (a last line without one may be a cut-off
// download). A line longer than max is read to its end and dropped, with
// tooLong set. err is io.EOF only when no line is left.
func ReadLine(br *bufio.Reader, max int) (line []byte, ended, tooLong bool, err error) {
	read := 0
	for {
		chunk, err := br.ReadSlice('\n')
		read += len(chunk)
		if !tooLong {
			if len(line)+len(chunk) > max+2 { // +2: the line end is not counted
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && read == 0 {
			return nil, false, false, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, false, false, err
		}
		ended = err == nil
		break
	}
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) > max {
		return nil, ended, true, nil
	}
	return line, ended, tooLong, nil
}
