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
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Nalozi osoblja na CMS serveru: add, list, remove, reset",
		Long: "Nalozi osoblja koje se prijavljuje na CMS server (centar cms --users).\n" +
			"add i reset ispisuju jednokratnu vezu (važi 24 sata) na kojoj osoba postavlja\n" +
			"lozinku i dodaje aplikaciju za kodove. Urednik piše nacrte i označava ih kao\n" +
			"spremne; izdavač (--publisher) i objavljuje i briše objavljeno.",
		Args: cobra.NoArgs,
	}
	cmd.PersistentFlags().StringVar(&opts.File, "users", "", "datoteka naloga (ista kao za centar cms --users)")
	cmd.MarkPersistentFlagRequired("users")
	link := func(cmd *cobra.Command) {
		cmd.Flags().StringVar(&opts.URL, "url", f.getenv("CENTAR_CMS_URL"), "adresa CMS servera, npr. https://cms.centarzztlj.rs (ili CENTAR_CMS_URL)")
	}

	add := &cobra.Command{
		Use:   "add EMAIL --name \"Ime Prezime\" [--publisher]",
		Short: "Dodaje nalog i ispisuje jednokratnu vezu",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return opts.withLink(f, func(a *staff.Accounts) (string, error) { return a.Add(args[0], opts.Name, opts.Publisher) })
		},
	}
	add.Flags().StringVar(&opts.Name, "name", "", "ime i prezime, kako ga beleži istorija izmena")
	add.Flags().BoolVar(&opts.Publisher, "publisher", false, "izdavač: i objavljuje i briše objavljeno")
	link(add)

	reset := &cobra.Command{
		Use:   "reset EMAIL",
		Short: "Poništava lozinku i aplikaciju naloga i ispisuje novu jednokratnu vezu",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return opts.withLink(f, func(a *staff.Accounts) (string, error) { return a.Reset(args[0]) })
		},
	}
	link(reset)

	list := &cobra.Command{
		Use:   "list",
		Short: "Ispisuje naloge",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			accounts, err := staff.OpenAccounts(opts.File)
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
		Use:   "remove EMAIL",
		Short: "Briše nalog; osoba odmah gubi pristup",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			accounts, err := staff.OpenAccounts(opts.File)
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
		return errors.New(p.Sprintf("say where the staff open the CMS server, for the link: --url https://… (or set CENTAR_CMS_URL)"))
	}
	accounts, err := staff.OpenAccounts(o.File)
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

// said is an accounts error in the user's language.
func (o *usersOptions) said(f *Factory, err error) error {
	p := f.P()
	switch {
	case errors.Is(err, staff.ErrNoAccount):
		return errors.New(p.Sprintf("there is no account with this address in %s; centar cms users list shows them", o.File))
	case errors.Is(err, staff.ErrAccountExists):
		return errors.New(p.Sprintf("there is an account with this address already; to send the person a new link, use centar cms users reset"))
	case errors.Is(err, staff.ErrNotEmail):
		return errors.New(p.Sprintf("the account's address must be an e-mail address, such as ana.petrovic@example.org"))
	case errors.Is(err, staff.ErrNoName):
		return errors.New(p.Sprintf("the account needs the person's name: --name \"First Last\""))
	}
	return err
}
