package cli

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"centar/internal/staff"
)

type usersOptions struct {
	File, URL string
	Name      string
	Publisher bool
}

// newUsersCmd is centar cms users: the CMS server's accounts.
func newUsersCmd(f *Factory) *cobra.Command {
	opts := &usersOptions{}
	p := f.P()
	cmd := &cobra.Command{
		Use:   "users",
		Short: p.Sprintf("The staff's accounts on the CMS server: add, list, remove, reset"),
		Long: p.Sprintf("The accounts of the staff who sign in to the CMS server (centar cms --users).\n" +
			"add and reset print a one-time link (it works for 24 hours) where the person sets a\n" +
			"password and adds the authenticator app. An editor writes drafts and marks them as\n" +
			"ready; a publisher (--publisher) also publishes and deletes what is published."),
	}
	cmd.PersistentFlags().StringVar(&opts.File, "users", "", p.Sprintf("the accounts `FILE` (the same as for centar cms --users)"))
	link := func(cmd *cobra.Command) {
		cmd.Flags().StringVar(&opts.URL, "url", f.getenv("CENTAR_CMS_URL"), p.Sprintf("the CMS server's `ADDRESS`, e.g. https://cms.centarzztlj.rs (or CENTAR_CMS_URL)"))
	}

	add := &cobra.Command{
		Use:   p.Sprintf("add EMAIL --name \"First Last\" [--publisher]"),
		Short: p.Sprintf("Adds an account and prints a one-time link"),
		Args:  f.argsBetween(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return opts.withLink(f, func(a *staff.Accounts) (string, error) { return a.Add(args[0], opts.Name, opts.Publisher) })
		},
	}
	add.Flags().StringVar(&opts.Name, "name", "", p.Sprintf("the person's first and last `NAME`, as the history of changes records it"))
	add.Flags().BoolVar(&opts.Publisher, "publisher", false, p.Sprintf("a publisher: also publishes and deletes what is published"))
	link(add)

	reset := &cobra.Command{
		Use:   p.Sprintf("reset EMAIL"),
		Short: p.Sprintf("Clears the account's password and app and prints a new one-time link"),
		Args:  f.argsBetween(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return opts.withLink(f, func(a *staff.Accounts) (string, error) { return a.Reset(args[0]) })
		},
	}
	link(reset)

	list := &cobra.Command{
		Use:   "list",
		Short: p.Sprintf("Lists the accounts"),
		Args:  f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			accounts, err := opts.open(f)
			if err != nil {
				return err
			}
			all, err := accounts.List()
			if err != nil {
				return err
			}
			p := f.P()
			w := tabwriter.NewWriter(f.Out, 0, 4, 2, ' ', 0)
			for _, a := range all {
				role := p.Sprintf("editor")
				if a.Publisher {
					role = p.Sprintf("publisher")
				}
				state := p.Sprintf("signs in")
				if !a.Enrolled() {
					state = p.Sprintf("has not followed the link yet")
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", a.Email, a.Name, role, state)
			}
			return w.Flush()
		},
	}

	remove := &cobra.Command{
		Use:   p.Sprintf("remove EMAIL"),
		Short: p.Sprintf("Deletes an account; the person loses access at once"),
		Args:  f.argsBetween(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			accounts, err := opts.open(f)
			if err != nil {
				return err
			}
			if err := accounts.Remove(args[0]); err != nil {
				return opts.said(f, err)
			}
			f.P().Fprintf(f.Err, "Removed %s.\n", args[0])
			return nil
		},
	}
	cmd.AddCommand(add, list, remove, reset)
	return cmd
}

// withLink runs make, which changes an account and gives its one-time
// link's token, and prints the link.
func (o *usersOptions) withLink(f *Factory, make func(*staff.Accounts) (string, error)) error {
	p := f.P()
	if o.URL == "" {
		return usage(errors.New(p.Sprintf("say where the staff open the CMS server, for the link: --url https://… (or set CENTAR_CMS_URL)")))
	}
	accounts, err := o.open(f)
	if err != nil {
		return err
	}
	token, err := make(accounts)
	if err != nil {
		return o.said(f, err)
	}
	p.Fprintf(f.Err, "Send this link to the person, by a way other than e-mail if you can. It works once, for 24 hours:\n")
	fmt.Fprintln(f.Out, strings.TrimRight(o.URL, "/")+staff.LinkPrefix+token)
	return nil
}

// open opens the accounts file that --users names.
func (o *usersOptions) open(f *Factory) (*staff.Accounts, error) {
	if o.File == "" {
		return nil, usage(errors.New(f.P().Sprintf("say which accounts file: --users FILE (the same as for centar cms --users)")))
	}
	return staff.OpenAccounts(o.File)
}

// said is an accounts error in the user's language.
func (o *usersOptions) said(f *Factory, err error) error {
	p := f.P()
	switch {
	case errors.Is(err, staff.ErrNoAccount):
		return errors.New(p.Sprintf("there is no account with this address in %s; centar cms users list shows them", o.File))
	case errors.Is(err, staff.ErrAccountExists):
		return errors.New(p.Sprintf("there is an account with this address already; to send the person a new link, use centar cms users reset"))
	case errors.Is(err, staff.ErrNotEmail):
		return usage(errors.New(p.Sprintf("the account's address must be an e-mail address, such as ana.petrovic@example.org")))
	case errors.Is(err, staff.ErrNoName):
		return usage(errors.New(p.Sprintf("the account needs the person's name: --name \"First Last\"")))
	}
	return err
}
