package alerts

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// Purpose names what a signed token may be used for, so that a token made
// for one link (say, "not relevant" on one alert) opens no other.
type Purpose string

const (
	PurposeConfirm     Purpose = "confirm"     // value: subscription id
	PurposeUnsubscribe Purpose = "unsubscribe" // value: subscription id
	PurposeManage      Purpose = "manage"      // value: e-mail address, lower case
	PurposeFeedback    Purpose = "feedback"    // value: delivery id
)

// ErrBadToken is returned (wrapped) for a token that was not made by these
// Tokens for that purpose, or is malformed.
var ErrBadToken = errors.New("invalid or altered link")

// Tokens signs the values e-mailed links carry, so that links work without
// signing in and cannot be forged or altered: value.MAC, both base64url,
// the MAC being HMAC-SHA256 over purpose and value, cut to 128 bits.
type Tokens struct {
	key []byte
}

// NewTokens derives the signing key from the site's secret (at least 32
// bytes), so the secret's other users never share a key with these links.
func NewTokens(secret []byte) (*Tokens, error) {
	if len(secret) < 32 {
		return nil, fmt.Errorf("alert tokens: secret of %d bytes, want at least 32", len(secret))
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("stdbridge alert links v1"))
	return &Tokens{key: m.Sum(nil)}, nil
}

const macLen = 16

// Sign returns the token for value and purpose.
func (t *Tokens) Sign(p Purpose, value string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(value)) + "." + enc.EncodeToString(t.mac(p, value))
}

// Verify returns the value a token for purpose p carries.
func (t *Tokens) Verify(p Purpose, token string) (string, error) {
	enc := base64.RawURLEncoding
	v64, m64, ok := strings.Cut(token, ".")
	if !ok {
		return "", ErrBadToken
	}
	value, err1 := enc.DecodeString(v64)
	mac, err2 := enc.DecodeString(m64)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, t.mac(p, string(value))) {
		return "", ErrBadToken
	}
	return string(value), nil
}

func (t *Tokens) mac(p Purpose, value string) []byte {
	m := hmac.New(sha256.New, t.key)
	m.Write([]byte(p))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return m.Sum(nil)[:macLen]
}
