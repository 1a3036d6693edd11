package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/text/message"

	"centar/internal/build"
	"centar/internal/content"
	"centar/internal/explain"
	"centar/internal/workflow"
)

type translationsOptions struct {
	Source string
	Format string
	// Current: the translations at Paths still hold after the change of
	// their Serbian pages.
	Current bool
	Paths   []string
}

func newTranslationsCmd(f *Factory) *cobra.Command {
	opts := &translationsOptions{}
	p := f.P()
	cmd := &cobra.Command{
		Use:   p.Sprintf("translations [--current PATH…]"),
		Short: p.Sprintf("Which translations follow the Serbian text, which are outdated and which are missing"),
		Long: p.Sprintf("Lists every Serbian page in every language of translation: current (it translates the\n" +
			"Serbian text as it is now), outdated (since which Serbian change, and what changed) or\n" +
			"missing. A saved translation records the Serbian text it translates; --current PATH\n" +
			"records that a translation still holds, with no other change. The exit code is 0 even\n" +
			"when some are outdated: it is a report."),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Current != (len(args) > 0) {
				return usage(errors.New(f.P().Sprintf("name the translations that still hold after --current, and only with it: centar translations --current PATH…")))
			}
			opts.Paths = args
			return runTranslations(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	cmd.Flags().StringVar(&opts.Format, "format", "text", p.Sprintf("the output's `FORM`: text or json"))
	cmd.Flags().BoolVar(&opts.Current, "current", false, p.Sprintf("the translations named still hold after the change of their Serbian pages"))
	return cmd
}

func runTranslations(ctx context.Context, f *Factory, o *translationsOptions) error {
	p := f.P()
	if o.Format != "text" && o.Format != "json" {
		return fmt.Errorf("%s", p.Sprintf("unknown format %q: use --format text or --format json", o.Format))
	}
	if o.Current {
		return markCurrent(ctx, f, o)
	}
	site, err := build.Open(o.Source, p)
	if err != nil {
		return err
	}
	list, err := site.Model.Translations(os.DirFS(o.Source))
	if err != nil {
		return err
	}
	r, err := workflow.Open(ctx, o.Source)
	switch {
	case errors.Is(err, workflow.ErrNotRepository):
		r = nil // a folder without its history: no change can be named
	case err != nil:
		return explain.Git(p, err)
	default:
		defer r.Close()
		sayFinished(f, r)
	}
	rows := make([]translationRow, len(list))
	for i, t := range list {
		rows[i].Translation = t
		if t.State == content.Outdated && r != nil {
			if rows[i].since, err = r.SourceChange(t); err != nil {
				return explain.Git(p, err)
			}
		}
	}
	// What asks for work comes first.
	order := map[content.TranslationState]int{content.Outdated: 0, content.Unknown: 1, content.Missing: 2, content.Current: 3}
	sort.SliceStable(rows, func(i, j int) bool { return order[rows[i].State] < order[rows[j].State] })
	if o.Format == "json" {
		return writeTranslationsJSON(f, rows)
	}
	writeTranslations(f, rows)
	return nil
}

// A translationRow is a translation as centar translations says it.
type translationRow struct {
	content.Translation
	since workflow.SourceChange
}

// stateWord names a translation's state in the editor's language.
func stateWord(p *message.Printer, s content.TranslationState) string {
	switch s {
	case content.Current:
		return p.Sprintf("current")
	case content.Outdated:
		return p.Sprintf("outdated")
	case content.Unknown:
		return p.Sprintf("unrecorded")
	}
	return p.Sprintf("missing")
}

// diffLines is how many lines of what changed are shown; a diff is a hint
// of what to translate, the Serbian page itself the whole of it.
const diffLines = 6

func writeTranslations(f *Factory, rows []translationRow) {
	p := f.P()
	width := 0
	for _, s := range []content.TranslationState{content.Current, content.Outdated, content.Unknown, content.Missing} {
		width = max(width, utf8.RuneCountInString(stateWord(p, s)))
	}
	indent := strings.Repeat(" ", width+2)
	for _, r := range rows {
		word := stateWord(p, r.State)
		name := r.Source
		if r.Title != "" {
			name = fmt.Sprintf("„%s” (%s)", r.Title, r.Source)
		}
		line := fmt.Sprintf("%s%s  %s  %s", word, strings.Repeat(" ", width-utf8.RuneCountInString(word)), r.Language.Key, name)
		if r.Path != "" {
			line += " → " + r.Path
		}
		fmt.Fprintln(f.Out, line)
		if r.State != content.Outdated {
			continue
		}
		switch s := r.since; {
		case !s.Known:
			p.Fprintf(f.Out, "%ssince an unknown change\n", indent)
		case s.Unsaved:
			p.Fprintf(f.Out, "%ssince a change not saved yet:\n", indent)
		default:
			p.Fprintf(f.Out, "%ssince %s (%s, „%s”):\n", indent, s.When.Local().Format("2006-01-02"), s.Commit.String()[:7], s.Subject)
		}
		for i, c := range r.since.Diff {
			if i == diffLines {
				fmt.Fprintf(f.Out, "%s  … %s\n", indent, p.Sprintf("%d more lines", len(r.since.Diff)-diffLines))
				break
			}
			sign := "+"
			if c.Removed {
				sign = "-"
			}
			fmt.Fprintf(f.Out, "%s  %s %s\n", indent, sign, shortLine(c.Line))
		}
	}
	p.Fprintf(f.Out, "Translations: %s.\n", summary(p, rows))
	count := counts(rows)
	if count[content.Outdated] > 0 {
		p.Fprintf(f.Out, "Bring an outdated translation up to date and save it (centar save): saving records the Serbian text it translates. When the Serbian change needs no change of the translation: centar translations --current PATH.\n")
	}
	if count[content.Unknown] > 0 {
		p.Fprintf(f.Out, "An unrecorded translation does not say which version of its Serbian page it translates: once you have checked it, centar translations --current PATH records the Serbian page as it is now.\n")
	}
}

// shortLine is a line of a diff, cut to what a terminal's line holds.
func shortLine(s string) string {
	const most = 100
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most-1]) + "…"
}

func counts(rows []translationRow) map[content.TranslationState]int {
	out := map[content.TranslationState]int{}
	for _, r := range rows {
		out[r.State]++
	}
	return out
}

// summary counts the translations of each state, in words: centar status
// says it too.
func summary(p *message.Printer, rows []translationRow) string {
	count := counts(rows)
	parts := []string{p.Sprintf("%d current", count[content.Current]), p.Sprintf("%d outdated", count[content.Outdated]), p.Sprintf("%d missing", count[content.Missing])}
	if n := count[content.Unknown]; n > 0 {
		parts = append(parts, p.Sprintf("%d unrecorded", n))
	}
	return strings.Join(parts, ", ")
}

// translationJSON is a translation as --format json writes it.
type translationJSON struct {
	Language string     `json:"language"`
	Source   string     `json:"source"`
	Title    string     `json:"title"`
	Path     string     `json:"path,omitempty"`
	State    string     `json:"state"`
	Recorded string     `json:"recorded,omitempty"`
	Now      string     `json:"now,omitempty"`
	Since    *sinceJSON `json:"since,omitempty"`
}

type sinceJSON struct {
	Known   bool     `json:"known"`
	Unsaved bool     `json:"unsaved,omitempty"`
	Commit  string   `json:"commit,omitempty"`
	Date    string   `json:"date,omitempty"`
	Subject string   `json:"subject,omitempty"`
	Diff    []string `json:"diff,omitempty"`
}

var stateNames = map[content.TranslationState]string{content.Current: "current", content.Outdated: "outdated", content.Unknown: "unrecorded", content.Missing: "missing"}

func writeTranslationsJSON(f *Factory, rows []translationRow) error {
	out := make([]translationJSON, len(rows))
	for i, r := range rows {
		out[i] = translationJSON{Language: r.Language.Key, Source: r.Source, Title: r.Title, Path: r.Path, State: stateNames[r.State], Recorded: r.Recorded, Now: r.Now}
		if r.State != content.Outdated {
			continue
		}
		s := &sinceJSON{Known: r.since.Known, Unsaved: r.since.Unsaved, Subject: r.since.Subject}
		if !r.since.Commit.IsZero() {
			s.Commit, s.Date = r.since.Commit.String(), r.since.When.Format("2006-01-02T15:04:05Z07:00")
		}
		for _, c := range r.since.Diff {
			sign := "+"
			if c.Removed {
				sign = "-"
			}
			s.Diff = append(s.Diff, sign+c.Line)
		}
		out[i].Since = s
	}
	enc := json.NewEncoder(f.Out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// markCurrent records that the translations at o.Paths translate their
// Serbian pages as they are now.
func markCurrent(ctx context.Context, f *Factory, o *translationsOptions) error {
	p := f.P()
	root, err := filepath.Abs(o.Source)
	if err != nil {
		return err
	}
	var paths []string
	for _, arg := range o.Paths {
		abs := arg
		if !filepath.IsAbs(arg) {
			abs = filepath.Join(root, arg)
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fmt.Errorf("%s", p.Sprintf("%s is outside the site folder %s", arg, root))
		}
		paths = append(paths, filepath.ToSlash(rel))
	}
	r, err := openRepo(ctx, f, o.Source)
	if err != nil {
		return err
	}
	defer r.Close()
	changed, err := r.MarkCurrent(paths)
	if err != nil {
		return explain.Git(p, err)
	}
	marked := map[string]bool{}
	for _, c := range changed {
		marked[c] = true
	}
	for _, path := range paths {
		if marked[path] {
			p.Fprintf(f.Out, "Recorded: %s translates its Serbian page as it is now.\n", path)
		} else {
			p.Fprintf(f.Out, "%s translates its Serbian page as it is now already.\n", path)
		}
	}
	if len(changed) > 0 {
		p.Fprintf(f.Out, "Save with centar save -m \"what you changed\", or save and publish at once with centar publish.\n")
	}
	return nil
}
