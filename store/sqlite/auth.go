package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/stdbridge/stdbridge/store"
)

const userColumns = "id, name, role, password_hash, created, disabled"

// AddUser adds an account. The name check and the insert share one
// transaction, and writes are serialised, so two adds of one name cannot
// both succeed.
func (s *Store) AddUser(ctx context.Context, u store.User) (int64, error) {
	if err := store.CheckUserName(u.Name); err != nil {
		return 0, fmt.Errorf("add user: %w", err)
	}
	role, err := store.ParseRole(string(u.Role))
	if err != nil || role != u.Role {
		return 0, fmt.Errorf("add user %s: role %q is not one of reader, curator, reviewer, admin", u.Name, u.Role)
	}
	if u.PasswordHash == "" {
		return 0, fmt.Errorf("add user %s: empty password hash", u.Name)
	}
	if u.Created.IsZero() {
		u.Created = s.now()
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("add user %s: %w", u.Name, err)
	}
	defer tx.Rollback()
	var one int
	err = tx.QueryRowContext(ctx, "SELECT 1 FROM users WHERE name = ?", u.Name).Scan(&one)
	if err == nil {
		return 0, fmt.Errorf("add user %s: %w", u.Name, store.ErrExists)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("add user %s: %w", u.Name, err)
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO users (name, role, password_hash, created, disabled) VALUES (?, ?, ?, ?, ?)",
		u.Name, string(u.Role), u.PasswordHash, formatTime(u.Created), u.Disabled)
	if err != nil {
		return 0, fmt.Errorf("add user %s: %w", u.Name, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("add user %s: %w", u.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("add user %s: %w", u.Name, err)
	}
	return id, nil
}

// UserByName finds an account by name, ignoring ASCII case.
func (s *Store) UserByName(ctx context.Context, name string) (store.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE name = ?", name))
	if err != nil {
		return u, fmt.Errorf("user %q: %w", name, notFound(err))
	}
	return u, nil
}

// UserByID finds an account by id.
func (s *Store) UserByID(ctx context.Context, id int64) (store.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id))
	if err != nil {
		return u, fmt.Errorf("user %d: %w", id, notFound(err))
	}
	return u, nil
}

// Users lists every account by name.
func (s *Store) Users(ctx context.Context) ([]store.User, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+userColumns+" FROM users ORDER BY name, id")
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []store.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// SetPassword replaces a password hash and ends the account's sessions.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string) error {
	if hash == "" {
		return fmt.Errorf("set password of user %d: empty hash", id)
	}
	if err := s.updateUser(ctx, id, true, "UPDATE users SET password_hash = ? WHERE id = ?", hash, id); err != nil {
		return fmt.Errorf("set password of user %d: %w", id, err)
	}
	return nil
}

// SetDisabled disables or re-enables an account; disabling ends its
// sessions.
func (s *Store) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	if err := s.updateUser(ctx, id, disabled, "UPDATE users SET disabled = ? WHERE id = ?", disabled, id); err != nil {
		return fmt.Errorf("set disabled of user %d: %w", id, err)
	}
	return nil
}

// updateUser runs an update of one user and, if endSessions, deletes the
// user's sessions in the same transaction.
func (s *Store) updateUser(ctx context.Context, id int64, endSessions bool, query string, args ...any) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return store.ErrNotFound
	}
	if endSessions {
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = ?", id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess store.Session) error {
	if sess.TokenHash == "" || sess.CSRF == "" {
		return errors.New("create session: empty token hash or CSRF token")
	}
	if !sess.Expires.After(sess.Created) {
		return fmt.Errorf("create session: expires %v, not after its creation %v", sess.Expires, sess.Created)
	}
	_, err := s.write.ExecContext(ctx, "INSERT INTO sessions (token_hash, user_id, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
		sess.TokenHash, sess.UserID, sess.CSRF, formatTime(sess.Created), formatTime(sess.Expires))
	if err != nil {
		return fmt.Errorf("create session for user %d: %w", sess.UserID, err)
	}
	return nil
}

// SessionByTokenHash finds a session unexpired at now. Times are stored in
// one fixed-width UTC format, so comparing them as text compares instants.
func (s *Store) SessionByTokenHash(ctx context.Context, hash string, now time.Time) (store.Session, error) {
	sess := store.Session{TokenHash: hash}
	var created, expires string
	err := s.read.QueryRowContext(ctx, "SELECT user_id, csrf, created, expires FROM sessions WHERE token_hash = ? AND expires > ?",
		hash, formatTime(now)).Scan(&sess.UserID, &sess.CSRF, &created, &expires)
	if err == nil {
		if sess.Created, err = parseTime(created); err == nil {
			sess.Expires, err = parseTime(expires)
		}
	}
	if err != nil {
		// The hash is a secret's digest: kept out of error messages.
		return store.Session{}, fmt.Errorf("session: %w", notFound(err))
	}
	return sess, nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	if _, err := s.write.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = ?", hash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes the sessions expired at now.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	res, err := s.write.ExecContext(ctx, "DELETE FROM sessions WHERE expires <= ?", formatTime(now))
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	return int(n), nil
}

func scanUser(row interface{ Scan(...any) error }) (store.User, error) {
	var u store.User
	var role, created string
	if err := row.Scan(&u.ID, &u.Name, &role, &u.PasswordHash, &created, &u.Disabled); err != nil {
		return store.User{}, err
	}
	u.Role = store.Role(role)
	var err error
	if u.Created, err = parseTime(created); err != nil {
		return store.User{}, err
	}
	return u, nil
}

// notFound turns sql.ErrNoRows into store.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}
