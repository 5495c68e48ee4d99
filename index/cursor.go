package index

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/stdbridge/stdbridge/kb"
)

// cursorKey is where the index keeps the last change-log sequence number
// it has applied, inside the index itself, so the two never disagree: a
// deleted or rebuilt index starts from zero.
var cursorKey = []byte("stdbridge.cursor")

// Cursor is the change-log position the index has caught up to.
func (ix *Index) Cursor() (int64, error) {
	v, err := ix.idx.GetInternal(cursorKey)
	if err != nil {
		return 0, fmt.Errorf("read index cursor: %w", err)
	}
	if len(v) != 8 {
		return 0, nil
	}
	return int64(binary.BigEndian.Uint64(v)), nil
}

// Update indexes put, removes the documents named in gone, and moves the
// cursor to seq, all in one batch: a crash leaves either all or none.
func (ix *Index) Update(ctx context.Context, put []kb.Record, gone []Ref, seq int64) error {
	b, err := ix.batch(ctx, put, gone)
	if err != nil {
		return err
	}
	var v [8]byte
	binary.BigEndian.PutUint64(v[:], uint64(seq))
	b.SetInternal(cursorKey, v[:])
	if err := ix.idx.Batch(b); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	return nil
}

// Ref names a record.
type Ref struct {
	Kind kb.Kind
	Key  string
}
