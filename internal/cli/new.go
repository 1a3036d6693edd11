package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"centar/internal/build"
	"centar/internal/content"
	"centar/internal/newpage"
)

type newOptions struct {
	Source       string
	Kind, Title  string
	Section      string
	Organization string
	Category     string
	Now          func() time.Time
}

func newNewCmd(f *Factory) *cobra.Command {
	opts := &newOptions{Now: time.Now}
	p := f.P()
	cmd := &cobra.Command{
		Use:   p.Sprintf("new news|page|leaflet|document \"Title\""),
		Short: p.Sprintf("Makes a new page from a template"),
		Long: p.Sprintf("Makes a new news item, page, leaflet or document in content/sr/, its address (slug)\n" +
			"made from its title and its header from the template in archetypes/. Its title is\n" +
			"Serbian, in either script. The last line printed is the new file's path."),
		// The titles are the site's Serbian ones, in either language's help.
		Example: "  centar new news \"Обука локалних тимова у Нишу\" --org astra\n" +
			"  centar new page \"Како пријавити случај\" --section pomoc\n" +
			"  centar new document \"Годишњи извештај 2025\" --category godisnji-izvestaji",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usage(errors.New(p.Sprintf("say what to make and its title, in quotes: centar new news \"Title of the news item\" (kinds: news, page, leaflet, document)")))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Kind, opts.Title = args[0], args[1]
			return runNew(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	cmd.Flags().StringVar(&opts.Section, "section", "o-centru", p.Sprintf("for a page: its `SECTION` in content/sr/"))
	cmd.Flags().StringVar(&opts.Organization, "org", "", p.Sprintf("the `ORGANISATION` sending the news item (its id in data/organizacije.yaml)"))
	cmd.Flags().StringVar(&opts.Category, "category", "", p.Sprintf("for a document: its `CATEGORY` (its id in data/dokumenti.yaml)"))
	return cmd
}

// knownFlags are the flags that give a new page's Known fields.
var knownFlags = map[string]string{"organizacija": "--org", "kategorija": "--category"}

func runNew(f *Factory, o *newOptions) error {
	p := f.P()
	if _, err := build.Open(o.Source, p); err != nil {
		return err
	}
	model, err := content.Load(os.DirFS(o.Source))
	if err != nil {
		return err
	}
	given := map[string]string{"organizacija": o.Organization, "kategorija": o.Category}
	var kinds []string
	for _, k := range newpage.Kinds(model) {
		kinds = append(kinds, k.Name)
		if k.Name != o.Kind {
			continue
		}
		// A Known field the section requires must be given; any given must
		// be known.
		for _, field := range model.Schema(k.Section) {
			if field.Kind == content.Known && (given[field.Name] != "" || field.Required == content.Always) {
				if err := requireID(f, o.Source, field.List, knownFlags[field.Name], given[field.Name]); err != nil {
					return err
				}
			}
		}
	}
	rel, err := newpage.Create(model, o.Source, o.Kind, o.Title, newpage.Options{
		Section: o.Section, Organization: o.Organization, Category: o.Category, Now: o.Now(),
	})
	var exists *newpage.ExistsError
	switch {
	case errors.Is(err, newpage.ErrUnknownKind):
		return usage(errors.New(p.Sprintf("there is no kind %q: choose one of %s", o.Kind, strings.Join(kinds, ", "))))
	case errors.Is(err, newpage.ErrEmptySlug):
		return errors.New(p.Sprintf("the title %q has no letters or digits to make an address from: write a real title", o.Title))
	case errors.Is(err, newpage.ErrNoSection):
		return errors.New(p.Sprintf("there is no section %q in content/sr/: choose one of %s with --section", o.Section, strings.Join(sections(o.Source), ", ")))
	case errors.As(err, &exists):
		return errors.New(p.Sprintf("%s already exists: choose another title, or open that file and edit it", exists.Path))
	case err != nil:
		return err
	}
	p.Fprintf(f.Err, "Created. Open it in your editor; centar serve shows how it looks. When it is ready, delete the line draft: true and run centar publish.\n")
	fmt.Fprintln(f.Out, rel)
	return nil
}

// requireID fails unless id is an entry of the data list at rel.
func requireID(f *Factory, root, rel, flag, id string) error {
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	ids, err := content.DataIDs(f.P(), rel, src)
	if err != nil {
		return err
	}
	if slices.Contains(ids, id) {
		return nil
	}
	sort.Strings(ids)
	return errors.New(f.P().Sprintf("%s %q is not in %s: use one of %s", flag, id, rel, strings.Join(ids, ", ")))
}

func sections(root string) []string {
	entries, _ := os.ReadDir(filepath.Join(root, "content", "sr"))
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}
