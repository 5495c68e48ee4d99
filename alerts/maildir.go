package alerts

import (
	"context"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DirTransport writes each mail as an .eml file into a directory, so that
// the product works, and can be tried, with no mail server configured.
type DirTransport struct {
	dir  string
	from *mail.Address
}

// NewDirTransport makes the directory if need be. from is the From
// address the files carry; empty means stdbridge@localhost.
func NewDirTransport(dir, from string) (*DirTransport, error) {
	if from == "" {
		from = "stdbridge <stdbridge@localhost>"
	}
	a, err := parseFrom(from)
	if err != nil {
		return nil, fmt.Errorf("mail directory %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("mail directory: %w", err)
	}
	return &DirTransport{dir: dir, from: a}, nil
}

// Deliver writes the mail with the headers SMTP would send. The file
// appears whole or not at all: it is written under a temporary name,
// synced, then renamed.
func (d *DirTransport) Deliver(ctx context.Context, m Mail) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write mail %s: %w", m.MessageID, err)
	}
	now := time.Now()
	msg, err := buildMsg(m, d.from, now)
	if err != nil {
		return &Permanent{Err: fmt.Errorf("write mail %s: %w", m.MessageID, err)}
	}
	id := strings.Trim(msg.GetMessageID(), "<>")
	name := now.UTC().Format("20060102T150405.000000000Z") + "-" + fileSafe(id) + ".eml"
	// The dot hides the temporary file from readers that list *.eml.
	f, err := os.CreateTemp(d.dir, ".tmp-*.eml")
	if err != nil {
		return fmt.Errorf("write mail %s: %w", id, err)
	}
	tmp := f.Name()
	if _, err = msg.WriteTo(f); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(d.dir, name))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write mail %s to %s: %w", id, d.dir, err)
	}
	return nil
}

// fileSafe keeps the characters of s that are safe in a file name on any
// system and replaces the others.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.', r == '_', r == '@':
			return r
		}
		return '_'
	}, s)
}
