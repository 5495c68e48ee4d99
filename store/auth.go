package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrExists is returned (wrapped) when a record to be added already exists,
// such as a user whose name is taken.
var ErrExists = errors.New("already exists")

// Role is what a staff account may do. Each role may do everything the
// roles below it may: admin ⊇ reviewer ⊇ curator ⊇ reader.
type Role string

const (
	RoleReader   Role = "reader"   // reads pages that need an account
	RoleCurator  Role = "curator"  // proposes and edits mappings
	RoleReviewer Role = "reviewer" // approves or rejects curators' work
	RoleAdmin    Role = "admin"    // manages accounts
)

// Roles lists the roles from least to most able.
func Roles() []Role { return []Role{RoleReader, RoleCurator, RoleReviewer, RoleAdmin} }

// rank orders the roles; an unknown role ranks below every known one.
func (r Role) rank() int {
	switch r {
	case RoleReader:
		return 1
	case RoleCurator:
		return 2
	case RoleReviewer:
		return 3
	case RoleAdmin:
		return 4
	}
	return 0
}

// ParseRole reads a role name, ignoring case and surrounding space.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if r.rank() == 0 {
		return "", fmt.Errorf("unknown role %q (want reader, curator, reviewer or admin)", s)
	}
	return r, nil
}

// AtLeast reports whether r may do what min may. An unknown role, on
// either side, is never enough: access fails closed.
func (r Role) AtLeast(min Role) bool {
	return r.rank() > 0 && min.rank() > 0 && r.rank() >= min.rank()
}

// MaxUserNameLength bounds user names.
const MaxUserNameLength = 64

// CheckUserName reports whether name may name an account: 1 to 64 ASCII
// letters, digits and . _ - @, so that names print plainly in logs and
// lists and cannot pass for one another through look-alike letters of
// other scripts, spaces or invisible characters. Names are compared
// without regard to case.
func CheckUserName(name string) error {
	if name == "" {
		return errors.New("empty user name")
	}
	if len(name) > MaxUserNameLength {
		return fmt.Errorf("user name of %d bytes (at most %d)", len(name), MaxUserNameLength)
	}
	for _, c := range name {
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.ContainsRune("._-@", c)
		if !ok {
			return fmt.Errorf("user name %q: character %q not allowed (ASCII letters, digits and . _ - @)", name, c)
		}
	}
	return nil
}

// User is a staff account.
type User struct {
	ID           int64
	Name         string
	Role         Role
	PasswordHash string // as auth.Hash encodes it
	Created      time.Time
	Disabled     bool // a disabled account cannot log in and has no sessions
}

// Session is a logged-in browser. The store never sees the session token
// itself, only its SHA-256, so a leaked database opens no sessions.
type Session struct {
	TokenHash string
	UserID    int64
	CSRF      string // the session's anti-forgery token for forms
	Created   time.Time
	Expires   time.Time
}

// Accounts keeps staff accounts and their sessions.
type Accounts interface {
	// AddUser adds an account and returns its id. The name must pass
	// CheckUserName and not be taken (ErrExists, ignoring ASCII case); the
	// role must be known and the hash non-empty. A zero Created is set to
	// the store's clock.
	AddUser(ctx context.Context, u User) (int64, error)
	// UserByName finds an account by name, ignoring ASCII case; ErrNotFound
	// when there is none.
	UserByName(ctx context.Context, name string) (User, error)
	// UserByID finds an account by id; ErrNotFound when there is none.
	UserByID(ctx context.Context, id int64) (User, error)
	// Users lists every account, by name.
	Users(ctx context.Context) ([]User, error)
	// SetPassword replaces an account's password hash and ends its
	// sessions, so a changed password locks out whoever knew the old one.
	SetPassword(ctx context.Context, id int64, hash string) error
	// SetDisabled disables or re-enables an account; disabling ends its
	// sessions.
	SetDisabled(ctx context.Context, id int64, disabled bool) error

	// CreateSession stores a new session of an existing account.
	CreateSession(ctx context.Context, s Session) error
	// SessionByTokenHash finds a session that has not expired at now
	// (now < Expires); ErrNotFound when it is missing or expired.
	SessionByTokenHash(ctx context.Context, hash string, now time.Time) (Session, error)
	// DeleteSession ends a session; ending a missing one is not an error.
	DeleteSession(ctx context.Context, hash string) error
	// DeleteExpiredSessions removes the sessions expired at now and says
	// how many there were.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
}
