package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/stdbridge/stdbridge/app"
	"github.com/stdbridge/stdbridge/auth"
	"github.com/stdbridge/stdbridge/store"
)

const userUsage = `Usage:
  stdbridge user add     [-data DIR] -role ROLE -password-file FILE NAME
  stdbridge user passwd  [-data DIR] -password-file FILE NAME
  stdbridge user disable [-data DIR] NAME
  stdbridge user enable  [-data DIR] NAME
  stdbridge user list    [-data DIR]

ROLE is reader, curator, reviewer or admin; each may do what the ones
before it may. FILE holds the password on its first line, or is - to read
that line from standard input; passwords have at least 12 characters.
Changing a password or disabling an account logs it out everywhere.
Flags go before NAME.
`

// runUser manages staff accounts.
func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, userUsage)
		return usageError{"user: name a subcommand: add, passwd, disable, enable or list"}
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "add":
		return runUserAdd(ctx, rest, stdout, stderr)
	case "passwd":
		return runUserPasswd(ctx, rest, stdout, stderr)
	case "disable":
		return runUserSetDisabled(ctx, "disable", true, rest, stdout, stderr)
	case "enable":
		return runUserSetDisabled(ctx, "enable", false, rest, stdout, stderr)
	case "list":
		return runUserList(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, userUsage)
		return nil
	}
	fmt.Fprint(stderr, userUsage)
	return usageError{fmt.Sprintf("user: unknown subcommand %q", sub)}
}

func runUserAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var roleName, pwFile string
	cfg, fs, err := parseCommand("user add", args, stderr, true, func(fs *flag.FlagSet) {
		fs.StringVar(&roleName, "role", "", "reader, curator, reviewer or admin (required)")
		fs.StringVar(&pwFile, "password-file", "", "file whose first line is the password, - for standard input (required)")
	})
	if err != nil {
		return err
	}
	name, err := userNameArg("user add", fs)
	if err != nil {
		return err
	}
	if roleName == "" {
		return usageError{"user add: -role is required (reader, curator, reviewer or admin)"}
	}
	role, err := store.ParseRole(roleName)
	if err != nil {
		return usageError{"user add: " + err.Error()}
	}
	password, err := readPassword("user add", pwFile)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	_, err = a.Store.AddUser(ctx, store.User{Name: name, Role: role, PasswordHash: auth.Hash(password)})
	if errors.Is(err, store.ErrExists) {
		return fmt.Errorf("user add: there is already a user %q", name)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "added %s (%s)\n", name, role)
	return nil
}

func runUserPasswd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var pwFile string
	cfg, fs, err := parseCommand("user passwd", args, stderr, true, func(fs *flag.FlagSet) {
		fs.StringVar(&pwFile, "password-file", "", "file whose first line is the new password, - for standard input (required)")
	})
	if err != nil {
		return err
	}
	name, err := userNameArg("user passwd", fs)
	if err != nil {
		return err
	}
	password, err := readPassword("user passwd", pwFile)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := findUser(ctx, a.Store, "user passwd", name)
	if err != nil {
		return err
	}
	if err := a.Store.SetPassword(ctx, u.ID, auth.Hash(password)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "changed the password of %s and ended its sessions\n", u.Name)
	return nil
}

func runUserSetDisabled(ctx context.Context, sub string, disabled bool, args []string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseCommand("user "+sub, args, stderr, true, nil)
	if err != nil {
		return err
	}
	name, err := userNameArg("user "+sub, fs)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := findUser(ctx, a.Store, "user "+sub, name)
	if err != nil {
		return err
	}
	if err := a.Store.SetDisabled(ctx, u.ID, disabled); err != nil {
		return err
	}
	if disabled {
		fmt.Fprintf(stdout, "disabled %s and ended its sessions\n", u.Name)
	} else {
		fmt.Fprintf(stdout, "enabled %s\n", u.Name)
	}
	return nil
}

func runUserList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, _, err := parseCommand("user list", args, stderr, false, nil)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr, app.NoIndex)
	if err != nil {
		return err
	}
	defer a.Close()
	users, err := a.Store.Users(ctx)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintln(stdout, "no users; add one with: stdbridge user add -role admin -password-file FILE NAME")
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tCREATED\tDISABLED")
	for _, u := range users {
		disabled := "no"
		if u.Disabled {
			disabled = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Name, u.Role, u.Created.UTC().Format("2006-01-02 15:04 UTC"), disabled)
	}
	return tw.Flush()
}

// userNameArg returns the one positional argument, a valid user name.
func userNameArg(cmd string, fs *flag.FlagSet) (string, error) {
	for _, arg := range fs.Args()[min(1, fs.NArg()):] {
		if strings.HasPrefix(arg, "-") {
			return "", usageError{fmt.Sprintf("%s: %s after the user name: flags go before the name", cmd, arg)}
		}
	}
	if fs.NArg() != 1 {
		return "", usageError{fmt.Sprintf("%s: name one user, got %d arguments", cmd, fs.NArg())}
	}
	name := fs.Arg(0)
	if err := store.CheckUserName(name); err != nil {
		return "", usageError{fmt.Sprintf("%s: %v", cmd, err)}
	}
	return name, nil
}

func findUser(ctx context.Context, s store.Accounts, cmd, name string) (store.User, error) {
	u, err := s.UserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return u, fmt.Errorf("%s: no user %q", cmd, name)
	}
	return u, err
}

// readPassword reads the first line of path ("-": standard input), without
// its line ending, and checks its length. Reading a file rather than a
// flag keeps the password out of the shell history and the process list.
func readPassword(cmd, path string) (string, error) {
	if path == "" {
		return "", usageError{cmd + ": -password-file is required (a file holding the password, or - for standard input)"}
	}
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("%s: read password: %w", cmd, err)
		}
		defer f.Close()
		r = f
	}
	// A line longer than any acceptable password is cut here and refused
	// below, rather than read whole.
	line, err := bufio.NewReader(io.LimitReader(r, 4*auth.MaxPasswordLength+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("%s: read password: %w", cmd, err)
	}
	password := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if err := auth.CheckPassword(password); err != nil {
		return "", fmt.Errorf("%s: %w", cmd, err)
	}
	return password, nil
}
