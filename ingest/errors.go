package ingest

import (
	"fmt"
	"sort"
	"strings"
)

// maxListed caps how many bad lines an error message lists; past that a
// user fixes what is shown and runs again.
const maxListed = 50

// maxErrors caps how many bad lines a reader collects before it gives up
// on a file, so a binary file fed in by mistake does not build a huge list.
const maxErrors = 10000

// FileError reports every bad line of one file, so the user can fix the
// file in one go. Nothing of a file with a FileError is written.
type FileError struct {
	Name  string
	Lines []LineError
	// Truncated is set when the reader stopped collecting after maxErrors.
	Truncated bool
}

// LineError is one bad line (an XLSX row, or for records not read from a
// file their 1-based position). Line 0 is a problem of the whole file.
type LineError struct {
	Line int
	Key  string // the record's identity, when it got that far
	Err  error
}

func (e LineError) Error() string { return e.Err.Error() }

func (e *FileError) Error() string {
	var b strings.Builder
	for i, l := range e.Lines {
		if i == maxListed {
			fmt.Fprintf(&b, "\n%s: and %d more bad lines", e.Name, len(e.Lines)-maxListed)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		if l.Line > 0 {
			fmt.Fprintf(&b, "%s:%d: %v", e.Name, l.Line, l.Err)
		} else {
			fmt.Fprintf(&b, "%s: %v", e.Name, l.Err)
		}
	}
	if e.Truncated {
		fmt.Fprintf(&b, "\n%s: too many errors, stopped reading", e.Name)
	}
	return b.String()
}

// Unwrap gives errors.Is and errors.As the line errors.
func (e *FileError) Unwrap() []error {
	out := make([]error, len(e.Lines))
	for i, l := range e.Lines {
		out[i] = l.Err
	}
	return out
}

// collector gathers line errors while a file is read.
type collector struct {
	fe FileError
}

func newCollector(name string) *collector { return &collector{fe: FileError{Name: name}} }

// add records a bad line; it reports false once there are too many to go on.
func (c *collector) add(line int, key string, err error) bool {
	if len(c.fe.Lines) >= maxErrors {
		c.fe.Truncated = true
		return false
	}
	c.fe.Lines = append(c.fe.Lines, LineError{Line: line, Key: key, Err: err})
	return true
}

func (c *collector) addf(line int, key, format string, args ...any) bool {
	return c.add(line, key, fmt.Errorf(format, args...))
}

func (c *collector) full() bool { return c.fe.Truncated }

// err returns the collected errors, or nil when there are none.
func (c *collector) err() error {
	if len(c.fe.Lines) == 0 && !c.fe.Truncated {
		return nil
	}
	fe := c.fe
	// Decoding and validation run in separate passes; the user reads the
	// file top to bottom.
	sort.SliceStable(fe.Lines, func(i, j int) bool { return fe.Lines[i].Line < fe.Lines[j].Line })
	return &fe
}
