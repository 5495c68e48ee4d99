// Package auth logs staff in and keeps them logged in: password hashing,
// sessions held in a cookie, role checks, and protection of every form
// against cross-site request forgery.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Password length limits, in characters. The upper one only keeps a
// request from making the server hash megabytes.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 1024
)

// ErrPasswordTooShort and ErrPasswordTooLong are CheckPassword's answers.
var (
	ErrPasswordTooShort = fmt.Errorf("password shorter than %d characters", MinPasswordLength)
	ErrPasswordTooLong  = fmt.Errorf("password longer than %d characters", MaxPasswordLength)
)

// CheckPassword reports whether a new password is long enough. Length is
// the one rule: composition rules make passwords weaker in practice.
func CheckPassword(password string) error {
	switch n := utf8.RuneCountInString(password); {
	case n < MinPasswordLength:
		return ErrPasswordTooShort
	case n > MaxPasswordLength:
		return ErrPasswordTooLong
	}
	return nil
}

// Params are argon2id's cost settings.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8
}

// DefaultParams are OWASP's recommended minimum for argon2id in
// interactive login: 19 MiB of memory, two passes, one thread.
func DefaultParams() Params { return Params{Memory: 19 * 1024, Time: 2, Threads: 1} }

const (
	saltLen = 16
	keyLen  = 32
)

// Limits on the parameters Verify accepts from a stored hash, so that a
// damaged or planted hash cannot make a login exhaust memory or time.
const (
	maxMemory = 4 << 20 // KiB: 4 GiB
	maxTime   = 64
)

// Hash hashes a password with DefaultParams. It does not judge the
// password: call CheckPassword on new ones.
func Hash(password string) string { return DefaultParams().Hash(password) }

// Hash hashes a password with p and a random salt, encoded as
// $argon2id$v=19$m=M,t=T,p=P$SALT$KEY (unpadded standard base64), the
// form other argon2 libraries read.
func (p Params) Hash(password string) string {
	salt := make([]byte, saltLen)
	rand.Read(salt) // never fails: crypto/rand crashes the program instead
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Verify reports whether password is the one hash was made from. The error
// is for a hash it cannot read, never for a wrong password.
func Verify(hash, password string) (bool, error) {
	p, salt, key, err := decodeHash(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

func decodeHash(hash string) (p Params, salt, key []byte, err error) {
	bad := func(why string) error { return fmt.Errorf("read password hash: %s", why) }
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" {
		return p, nil, nil, bad("not a $argon2id$v=...$m=...,t=...,p=...$salt$key string")
	}
	if parts[1] != "argon2id" {
		return p, nil, nil, bad(fmt.Sprintf("algorithm %q, want argon2id", parts[1]))
	}
	if parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return p, nil, nil, bad(fmt.Sprintf("version %q, want v=%d", parts[2], argon2.Version))
	}
	if p, err = parseParams(parts[3]); err != nil {
		return p, nil, nil, bad(err.Error())
	}
	if p.Memory == 0 || p.Memory > maxMemory || p.Time == 0 || p.Time > maxTime || p.Threads == 0 {
		return p, nil, nil, bad(fmt.Sprintf("parameters %q out of range", parts[3]))
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, bad("salt")
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, bad("key")
	}
	return p, salt, key, nil
}

// parseParams reads "m=M,t=T,p=P", exactly in that order.
func parseParams(s string) (Params, error) {
	var p Params
	fields := strings.Split(s, ",")
	names := []string{"m=", "t=", "p="}
	if len(fields) != len(names) {
		return p, fmt.Errorf("parameters %q", s)
	}
	var v [3]uint64
	for i, f := range fields {
		digits, ok := strings.CutPrefix(f, names[i])
		n, err := strconv.ParseUint(digits, 10, 32)
		if !ok || err != nil {
			return p, fmt.Errorf("parameters %q", s)
		}
		v[i] = n
	}
	if v[2] > 255 {
		return p, fmt.Errorf("parameters %q: too many threads", s)
	}
	return Params{Memory: uint32(v[0]), Time: uint32(v[1]), Threads: uint8(v[2])}, nil
}
