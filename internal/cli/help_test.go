package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/spf13/cobra"

	"centar/internal/testsite"
)

// Words that belong to one language only: its function words and the words
// of cobra's own help (Usage, Flags, default, Global, Available, Commands,
// "Use … for more information"), in lower case. A word both languages
// write alike (a, to, on, one, do, no, text) is in neither list.
var (
	englishWords = words(`the and of for with is are was this that these from or not when what where which by
		at as be it its into each every all any usage flags flag global available commands command use more
		information about shows accepts required unknown set arg args site page pages file files folder
		changes change writes prints checks builds takes makes there your you without only their them than
		then once while was were has have needs given takes language format script address path title
		message section category organisation domain name email`)
	serbianWords = words(`i je su za sa na od se ili da ne koji koja koje kao ako u iz po pri kad samo bez sve
		ova ovaj ovo nije još šta što upotreba opcije opcija komande komanda komandi podrazumevano pomoć
		pokazuje fascikla fascikle fasciklu stranica stranice sajt sajta datoteka datoteke datoteku adresa
		adresu izmene izmena greška grešaka prima nema ispisuje proverava gradi jezik pismo oblik putanja
		naslov poruka odeljak kategorija organizacija domen ime tekst`)
)

func words(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// foreign returns the words of text that are in list, leaving out the
// names the command line itself is made of: commands, flags, paths,
// addresses and values, written with characters other than letters.
func foreign(text string, list, names map[string]bool) []string {
	var found []string
	for _, tok := range strings.Fields(text) {
		tok = strings.TrimFunc(tok, func(r rune) bool { return strings.ContainsRune(`()[],.:;"„”'?!`, r) })
		if tok == "" || names[tok] || strings.IndexFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			continue
		}
		if w := strings.ToLower(tok); list[w] {
			found = append(found, w)
		}
	}
	return found
}

// commandPaths lists every command a user can ask for help on, and the
// names of every command and flag.
func commandPaths(t *testing.T) ([][]string, map[string]bool) {
	t.Helper()
	root := NewRoot(&Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
	var paths [][]string
	// The kinds centar new makes are named in English in both languages,
	// as commands are.
	names := map[string]bool{"centar": true, "news": true, "page": true, "leaflet": true, "document": true}
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		if c.Hidden {
			return
		}
		paths = append(paths, path)
		names[c.Name()] = true
		for _, sub := range c.Commands() {
			walk(sub, append(append([]string{}, path...), sub.Name()))
		}
	}
	walk(root, nil)
	if len(paths) < 20 {
		t.Fatalf("only %d commands found: %v", len(paths), paths)
	}
	return paths, names
}

// The help of every command, asked for with --help or with centar help, is
// in Serbian by default and in English with --lang en or an English locale,
// with no word of the other language, cobra's own words included.
func TestHelpSpeaksOneLanguageAtATime(t *testing.T) {
	paths, names := commandPaths(t)
	type language struct {
		name       string
		extra      []string
		env        map[string]string
		own, other map[string]bool
		heading    string
	}
	for _, l := range []language{
		{name: "Serbian", own: serbianWords, other: englishWords, heading: "Upotreba:"},
		{name: "English", extra: []string{"--lang", "en"}, own: englishWords, other: serbianWords, heading: "Usage:"},
		{name: "English locale", env: map[string]string{"LANG": "en_GB.UTF-8"}, own: englishWords, other: serbianWords, heading: "Usage:"},
	} {
		for _, path := range paths {
			for _, args := range [][]string{append(append([]string{}, path...), "--help"), append([]string{"help"}, path...)} {
				args = append(args, l.extra...)
				var out, errb bytes.Buffer
				f := &Factory{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(k string) string { return l.env[k] }}
				if code := Main(f, args); code != 0 || errb.Len() > 0 {
					t.Errorf("%s: centar %s: exit %d, stderr %q", l.name, strings.Join(args, " "), code, errb.String())
					continue
				}
				help := out.String()
				if !strings.Contains(help, l.heading) {
					t.Errorf("%s: centar %s has no %q:\n%s", l.name, strings.Join(args, " "), l.heading, help)
				}
				if len(foreign(help, l.own, names)) == 0 {
					t.Errorf("%s: centar %s says no word of its own language, so the test cannot tell:\n%s", l.name, strings.Join(args, " "), help)
				}
				if found := foreign(help, l.other, names); len(found) > 0 {
					t.Errorf("%s: centar %s has words of the other language %q:\n%s", l.name, strings.Join(args, " "), found, help)
				}
			}
		}
	}
}

// A command given wrongly is said in one language, exits with 2 and names
// the help that shows what the command accepts.
func TestUsageErrorsSpeakOneLanguageAndExit2(t *testing.T) {
	_, names := commandPaths(t)
	for _, c := range []struct {
		args       []string
		sr, en, at string
	}{
		{[]string{"build", "--nope"}, "ne postoji opcija --nope", "there is no flag --nope", "centar build --help"},
		{[]string{"build", "-x"}, "ne postoji opcija -x", "there is no flag -x", "centar build --help"},
		{[]string{"build", "--base-url"}, "opciji --base-url treba vrednost", "--base-url needs a value", "centar build --help"},
		{[]string{"serve", "--port", "sto"}, "--port prima ceo broj", "--port takes a whole number", "centar serve --help"},
		{[]string{"translit"}, "recite u koje pismo", "say which script to write", "centar translit --help"},
		{[]string{"translit", "--to", "glagoljica"}, `a ne "glagoljica"`, `not "glagoljica"`, "centar translit --help"},
		{[]string{"translit", "--to", "lat", "a.md", "b.md"}, `ne prima "b.md"`, `does not take "b.md"`, "centar translit --help"},
		{[]string{"version", "sada"}, `ne prima argumente; "sada" je višak`, `takes no arguments; "sada" is too many`, "centar version --help"},
		{[]string{"buidl"}, `centar nema komandu "buidl": da li ste mislili na build?`, `centar has no command "buidl": did you mean build?`, "centar --help"},
		{[]string{"cms", "users", "zzz"}, `centar cms users nema komandu "zzz"`, `centar cms users has no command "zzz"`, "centar cms users --help"},
		{[]string{"cms", "users", "list"}, "recite koja je datoteka naloga", "say which accounts file", "centar cms users list --help"},
		{[]string{"check", "--format", "xml"}, `nepoznat oblik ispisa "xml"`, `unknown format "xml"`, "centar check --help"},
		{[]string{"new", "news"}, "navedite šta pravite", "say what to make", "centar new --help"},
		{[]string{"help", "zzz"}, `ne postoji komanda "zzz"`, `there is no command "zzz"`, "centar help --help"},
	} {
		for _, en := range []bool{false, true} {
			args, want, other := c.args, c.sr, englishWords
			if en {
				args, want, other = append([]string{"--lang", "en"}, c.args...), c.en, serbianWords
			}
			code, out, errOut := run(t, "", args...)
			if code != 2 || out != "" || !strings.Contains(errOut, want) || !strings.Contains(errOut, c.at) {
				t.Errorf("centar %s: exit %d, stdout %q, stderr %q; want exit 2 and %q, %q", strings.Join(args, " "), code, out, errOut, want, c.at)
			}
			if found := foreign(errOut, other, names); len(found) > 0 {
				t.Errorf("centar %s says words of the other language %q: %s", strings.Join(args, " "), found, errOut)
			}
		}
	}
}

// A language centar does not speak is refused, in both, as a command given
// wrongly.
func TestAnUnknownLanguageIsAWrongCommand(t *testing.T) {
	code, _, errOut := run(t, "", "build", "--lang", "de")
	if code != 2 || !strings.Contains(errOut, "nepoznat jezik \"de\" / unknown language \"de\"") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// Exit codes: 0 done, 1 a problem in the content, 2 a command given wrongly.
func TestExitCodesTellDoneAContentProblemAndAWrongCommand(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for k, v := range testsite.Small {
		files[k] = v
	}
	writeFiles(t, dir, files)
	if code, _, errOut := run(t, "", "check", "--source", dir); code != 0 {
		t.Fatalf("check of a sound site: exit %d\n%s", code, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/sr/vesti/treca.md"), []byte("---\ndate: 2024-06-02\n---\nБез наслова.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "", "check", "--source", dir); code != 1 || !strings.Contains(out, "nema naslov") {
		t.Errorf("check of a page without a title: exit %d, want 1\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "", "check", "--source", dir, "--nope"); code != 2 {
		t.Errorf("check with an unknown flag: exit %d, want 2\n%s", code, errOut)
	}
	if code, out, errOut := run(t, "Ђаци\n", "translit", "--to", "lat"); code != 0 || out != "Đaci\n" {
		t.Errorf("translit: exit %d, %q\n%s", code, out, errOut)
	}
}
