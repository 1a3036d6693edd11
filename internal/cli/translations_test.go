package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const (
	srFirst = "content/sr/vesti/prva.md"
	enFirst = "content/en/news/first.md"
	// The first news item and its translation, paired by translationKey.
	firstSr = "---\ntitle: Прва вест\ndate: 2024-05-31\noznake: [obuka]\ntranslationKey: first\n---\nПрви текст.\n"
	firstEn = "---\ntitle: First news\ndate: 2024-05-31\noznake: [obuka]\ntranslationKey: first\n---\nThe first text.\n"
)

// translated is an editor whose site has the first news item translated,
// saved, and a help page readers of English need and have not.
func translated(t *testing.T) *editor {
	t.Helper()
	a := newEditor(t, "Ana", newRemote(t))
	a.write(t, srFirst, firstSr)
	a.write(t, enFirst, firstEn)
	a.write(t, "content/sr/pomoc/_index.md", "---\ntitle: Помоћ\n---\nПозовите нас.\n")
	a.mustRun(t, "save", "-m", "Прва вест и превод")
	return a
}

// translationLine is the line centar translations gives the first news item.
func translationLine(t *testing.T, a *editor) string {
	t.Helper()
	a.mustRun(t, "translations")
	for _, line := range strings.Split(a.out.String(), "\n") {
		if strings.Contains(line, srFirst) {
			return line
		}
	}
	t.Fatalf("centar translations does not list %s:\n%s", srFirst, a.out.String())
	return ""
}

// A change of what readers read of the Serbian page makes the translation
// outdated; a change of its date, its tags or its lines' wrapping does not.
func TestOnlyAChangeOfTheSerbianTextOutdatesTheTranslation(t *testing.T) {
	for _, c := range []struct {
		name, page, want string
	}{
		{"the date", strings.Replace(firstSr, "2024-05-31", "2024-06-01", 1), "current "},
		{"the tags", strings.Replace(firstSr, "[obuka]", "[]", 1), "current "},
		{"the text in Latin", strings.Replace(firstSr, "Први текст.", "Prvi tekst.", 1), "current "},
		{"the text", strings.Replace(firstSr, "Први текст.", "Први текст, допуњен.", 1), "outdated "},
		{"the title", strings.Replace(firstSr, "Прва вест", "Прва вест, допуњена", 1), "outdated "},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := translated(t)
			a.write(t, srFirst, c.page)
			a.mustRun(t, "save", "-m", "Измена")
			if got := translationLine(t, a); !strings.HasPrefix(got, c.want) {
				t.Errorf("after a change of %s: %q, want it %s", c.name, got, c.want)
			}
		})
	}
}

// An outdated translation is named with the Serbian change it missed and
// what changed; saved again, it is current. The list is a report: it
// exits 0.
func TestTranslationsSayWhatTheOutdatedMissedUntilSavedAgain(t *testing.T) {
	a := translated(t)
	if got := translationLine(t, a); got != "current     en  „Прва вест” (content/sr/vesti/prva.md) → content/en/news/first.md" {
		t.Errorf("saved with its Serbian page: %q", got)
	}
	a.write(t, srFirst, strings.Replace(firstSr, "Први текст.", "Први текст, допуњен.", 1))
	a.mustRun(t, "save", "-m", "Допуна прве вести")
	if code := a.run(t, "translations"); code != 0 {
		t.Fatalf("exit %d with an outdated translation: %s", code, a.err.String())
	}
	out := a.out.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^outdated    en  „Прва вест” \(content/sr/vesti/prva\.md\) → content/en/news/first\.md\n` +
			`            since \d{4}-\d\d-\d\d \([0-9a-f]{7}, „Допуна прве вести”\):\n` +
			`              - Prvi tekst\.\n` +
			`              \+ Prvi tekst, dopunjen\.\n`),
		regexp.MustCompile(`(?m)^missing     en  „Помоћ” \(content/sr/pomoc/_index\.md\)$`),
		regexp.MustCompile(`(?m)^unrecorded  en  „Почетна” \(content/sr/_index\.md\) → content/en/_index\.md$`),
		regexp.MustCompile(`(?m)^Translations: 0 current, 1 outdated, 1 missing, 1 unrecorded\.$`),
	} {
		if !want.MatchString(out) {
			t.Errorf("centar translations does not match\n%s\nin:\n%s", want, out)
		}
	}
	a.mustRun(t, "status")
	if !strings.Contains(a.out.String(), "Translations: 0 current, 1 outdated, 1 missing, 1 unrecorded (centar translations lists them).\n") {
		t.Errorf("status does not sum the translations up:\n%s", a.out.String())
	}

	a.write(t, enFirst, strings.Replace(firstEn, "The first text.", "The first text, completed.", 1))
	a.mustRun(t, "save", "-m", "Превод допуне")
	if got := translationLine(t, a); !strings.HasPrefix(got, "current ") {
		t.Errorf("the translation saved again: %q", got)
	}
}

// The editor's word that a translation still holds is recorded in the
// translation alone, and is sent by the next save; a path that is no
// translation is refused and changes nothing.
func TestCurrentRecordsThatATranslationStillHolds(t *testing.T) {
	a := translated(t)
	a.write(t, srFirst, strings.Replace(firstSr, "Први текст.", "Први текст, исти смисао.", 1))
	a.mustRun(t, "save", "-m", "Стил")
	before := readFile(t, filepath.Join(a.dir, enFirst))
	a.mustRun(t, "translations", "--current", enFirst)
	if !strings.Contains(a.out.String(), "Recorded: content/en/news/first.md translates its Serbian page as it is now.") {
		t.Errorf("--current says:\n%s", a.out.String())
	}
	after := readFile(t, filepath.Join(a.dir, enFirst))
	if strip := regexp.MustCompile(`translates: \S+\n`); strip.ReplaceAllString(after, "") != strip.ReplaceAllString(before, "") || after == before {
		t.Errorf("--current changed more than the translates line, or nothing:\n%s\nwas\n%s", after, before)
	}
	a.mustRun(t, "save", "-m", "Превод и даље важи")
	if got := translationLine(t, a); !strings.HasPrefix(got, "current ") {
		t.Errorf("marked current and saved: %q", got)
	}
	// A Serbian page is refused (1); --current without paths, or paths
	// without it, is a command given wrongly (2).
	for _, c := range []struct {
		args []string
		want int
	}{{[]string{"translations", "--current", srFirst}, 1}, {[]string{"translations", "--current"}, 2}, {[]string{"translations", enFirst}, 2}} {
		if code := a.run(t, c.args...); code != c.want {
			t.Errorf("centar %s: exit %d, want %d\n%s", strings.Join(c.args, " "), code, c.want, a.out.String())
		}
	}
	if !strings.Contains(a.err.String(), "name the translations that still hold after --current") {
		t.Errorf("a path without --current: %s", a.err.String())
	}
}

// --format json gives each translation with its state, and for an
// outdated one the change it missed.
func TestTranslationsAsJSON(t *testing.T) {
	a := translated(t)
	a.write(t, srFirst, strings.Replace(firstSr, "Први текст.", "Нови текст.", 1))
	a.mustRun(t, "save", "-m", "Нови текст")
	a.mustRun(t, "translations", "--format", "json")
	var list []struct {
		Source, Path, State string
		Since               *struct {
			Known   bool
			Subject string
			Diff    []string
		}
	}
	if err := json.Unmarshal(a.out.Bytes(), &list); err != nil {
		t.Fatalf("%v:\n%s", err, a.out.String())
	}
	if len(list) != 3 || list[0].Source != srFirst || list[0].State != "outdated" || list[0].Since == nil ||
		list[0].Since.Subject != "Нови текст" || strings.Join(list[0].Since.Diff, "|") != "-Prvi tekst.|+Novi tekst." {
		t.Errorf("json: %+v", list)
	}
}

// Outside a git repository the list still stands, and an outdated
// translation's change is unknown. Without --lang the words are Serbian.
func TestTranslationsWithoutHistorySpeakSerbian(t *testing.T) {
	a := translated(t)
	a.write(t, srFirst, strings.Replace(firstSr, "Први текст.", "Нови текст.", 1))
	if err := os.RemoveAll(filepath.Join(a.dir, ".git")); err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	f := &Factory{Out: &out, Err: &errb}
	if code := Main(f, []string{"translations", "-s", a.dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"zastareo     en  „Прва вест”", "od nepoznate izmene\n", "Prevodi: 0 ažurnih, 1 zastareo, 1 nedostaje, 1 nezabeležen.\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("without history, in Serbian, no %q in:\n%s", want, out.String())
		}
	}
}
