package check

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"

	"centar/internal/content"
	"centar/internal/msg"

	"centar/internal/testsite"
)

// baseSite is a small valid site; each case below breaks one thing in it.
var baseSite = testsite.FilesFrom("testdata/site.txtar")

func writeSite(t testing.TB, dir string, files map[string]string) { testsite.Write(t, dir, files) }

func run(t *testing.T, dir string, production bool, paths ...string) []Finding {
	t.Helper()
	fs, err := Site(dir, paths, Options{Production: production, P: msg.Printer(msg.English)})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestValidSiteHasNoFindings(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, baseSite)
	for _, f := range run(t, dir, true) {
		t.Errorf("unexpected finding: %s", f)
	}
}

// Each rule has a fixture that breaks it; the finding must name the file, the
// line and the column, and say what to do.
func TestEachRuleNamesFileAndLine(t *testing.T) {
	big := strings.Repeat("x", 1<<20+1)
	big10 := strings.Repeat("x", 10<<20+1)
	cases := []struct {
		name, file, body string
		production       bool
		want             string // path:line:col: severity: start of message
	}{
		{"unclosed header", "content/sr/vesti/a.md", "---\ntitle: А\n", false, "content/sr/vesti/a.md:1:1: error: the page header opened with --- is not closed"},
		{"no header", "content/sr/vesti/a.md", "Само текст.\n", false, "content/sr/vesti/a.md:1:1: error: a page must start with a header"},
		{"header syntax", "content/sr/vesti/a.md", "---\ndate: 2024-05-31\ntitle: \"А\n---\n", false, "content/sr/vesti/a.md:3:8: error: this is not valid here (a quotation mark opened here is not closed)"},
		{"quotation mark left open", "content/sr/vesti/a.md", "---\ntitle: \"А\ndate: \"2024-05-31\"\n---\n", false, "content/sr/vesti/a.md:2:8: error: this is not valid here (a quotation mark opened here is not closed)"},
		{"quotation mark left open, CR LF lines", "content/sr/vesti/a.md", "---\r\ntitle: \"А\r\ndate: \"2024-05-31\"\r\n---\r\n", false, "content/sr/vesti/a.md:2:8: error: this is not valid here (a quotation mark opened here is not closed)"},
		{"quotation inside a quoted title", "content/sr/vesti/a.md", "---\ntitle: \"Обука \"Крагујевац\"\"\ndate: 2024-05-31\n---\n", false, "content/sr/vesti/a.md:2:15: error: this is not valid here (this quotation mark ends the value, and more text follows it"},
		{"colon in a value", "content/sr/vesti/a.md", "---\ntitle: Вест: обука\ndate: 2024-05-31\n---\n", false, "content/sr/vesti/a.md:2:8: error: this is not valid here (a colon inside a value: put the whole value in quotes"},
		{"no title", "content/sr/vesti/a.md", "---\ndate: 2024-05-31\n---\nТекст.\n", false, "content/sr/vesti/a.md:2:1: error: the page has no title"},
		{"unknown field", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\ntilte: Б\n---\n", false, "content/sr/vesti/a.md:4:1: error: unknown header field \"tilte\""},
		{"weight not a number", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\nweight: прво\n---\n", false, "content/sr/vesti/a.md:4:1: error: weight must be a whole number"},
		{"draft not boolean", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\ndraft: можда\n---\n", false, "content/sr/vesti/a.md:4:1: error: draft must be true or false"},
		{"bad date", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 31.5.2024.\n---\n", false, "content/sr/vesti/a.md:3:1: error: \"31.5.2024.\" is not a date"},
		{"tags not a list", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\noznake: obuka\n---\n", false, "content/sr/vesti/a.md:4:1: error: oznake must be a list"},
		{"unknown tag", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\noznake:\n  - obuka\n  - nepoznata\n---\n", false, "content/sr/vesti/a.md:6:1: error: \"nepoznata\" is not one of the oznake"},
		{"unknown organisation", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\norganizacija: nepoznata\n---\n", false, "content/sr/vesti/a.md:4:1: error: \"nepoznata\" is not a known organizacija"},
		{"document without category", "content/sr/dokumenti/b/index.md", "---\ntitle: Б\n---\n", false, "content/sr/dokumenti/b/index.md:2:1: error: the page has no kategorija: add kategorija: with one of"},
		{"news without date", "content/sr/vesti/a.md", "---\ntitle: А\ndate:\n---\n", false, "content/sr/vesti/a.md:3:1: warning: the news item has no date"},
		{"news without date in production", "content/sr/vesti/a.md", "---\ntitle: А\n---\n", true, "content/sr/vesti/a.md:2:1: error: the news item has no date"},
		{"bold left open", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nОво је **важно и даље.\n", false, "content/sr/vesti/a.md:5:8: warning: the bold text that starts here is not closed"},
		{"italic left open", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nПрви ред.\nОво _важно и даље.\n", false, "content/sr/vesti/a.md:6:5: warning: the italic text that starts here is not closed"},
		{"link address left open", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nВиди [сајт](/vesti/ и даље.\n", false, "content/sr/vesti/a.md:5:11: warning: the link's address is not closed"},
		{"raw HTML", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nТекст са <b>подебљаним</b>.\n", false, "content/sr/vesti/a.md:5:10: error: HTML (<b>) is not shown"},
		{"script", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\n\n<script>alert(1)</script>\n", false, "content/sr/vesti/a.md:6:1: error: <script> is not allowed"},
		{"iframe", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\n<iframe src=\"https://example.org\"></iframe>\n", false, "content/sr/vesti/a.md:5:1: error: <iframe> is not allowed"},
		{"event attribute", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nСлика <img src=x onerror=alert(1)>\n", false, "content/sr/vesti/a.md:5:7: error: the HTML attribute that starts with on…"},
		{"javascript link", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\n[кликни](javascript:alert(1))\n", false, "content/sr/vesti/a.md:5:1: error: javascript: links run code"},
		{"link over two lines", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nВидети [помоћ\nза жртве](/nema/).\n", false, "content/sr/vesti/a.md:5:8: error: the link /nema/ leads nowhere"},
		{"reference link", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nВидети [помоћ][p].\n\n[p]: /nema/\n", false, "content/sr/vesti/a.md:5:8: error: the link /nema/ leads nowhere"},
		{"autolink", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nАдреса <javascript:alert(1)>\n", false, "content/sr/vesti/a.md:5:8: error: javascript: links run code"},
		{"footnote text", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nТекст[^1].\n\n[^1]: Позовите 011 123.\n", false, "content/sr/vesti/a.md:7:16: error: \"011 123\" is not a whole phone number"},
		{"many link definitions", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nТекст.\n\n" + strings.Repeat("[a]: /b \"t\"\n", 20000), false, "content/sr/vesti/a.md:507:1: error: the page holds more than 500 link definitions"},
		{"a long run without spaces", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nТекст.\n" + strings.Repeat("a_", 80000) + "\n", false, "content/sr/vesti/a.md:6:1: error: this line holds more than 1,000 characters without a space"},
		{"a page too big", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\n" + strings.Repeat("*a _b* c_d ** e_f *g** h*i _j** ", 10000), false, "content/sr/vesti/a.md:5:1: error: the page is 312 KB, more than the 256 KB"},
		{"missing page", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nВидети [помоћ](/pomoc/).\n", false, "content/sr/vesti/a.md:5:8: error: the link /pomoc/ leads nowhere"},
		{"missing file", "content/sr/dokumenti/statut/index.md", "---\ntitle: Статут\nkategorija: opsti-akti\n---\n[Преузмите](statut-2020.pdf)\n", false, "content/sr/dokumenti/statut/index.md:5:1: error: the link statut-2020.pdf leads nowhere"},
		{"missing ref", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nВидети {{< ref \"o-centru\" >}}.\n", false, "content/sr/vesti/a.md:5:8: error: the page \"o-centru\" does not exist"},
		{"image without alt", "content/sr/dokumenti/statut/index.md", "---\ntitle: Статут\nkategorija: opsti-akti\n---\n![](naslovna.png)\n", false, "content/sr/dokumenti/statut/index.md:5:1: error: the image has no description"},
		{"image too big", "content/sr/dokumenti/statut/velika.png", big, false, "content/sr/dokumenti/statut/velika.png:1:1: error: the file is 1.0 MB, more than the 1 MB allowed"},
		{"mixed scripts", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nЦентaр за заштиту.\n", false, "content/sr/vesti/a.md:5:1: error: the word \"Центaр\" mixes Cyrillic and Latin letters"},
		{"mixed scripts in title", "content/sr/vesti/a.md", "---\ntitle: Обукa\ndate: 2024-05-31\n---\n", false, "content/sr/vesti/a.md:2:1: error: the word \"Обукa\" mixes"},
		{"bad phone link", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nПозовите [011 123](tel:011-123).\n", false, "content/sr/vesti/a.md:5:10: error: \"tel:011-123\" is not a phone number"},
		{"bad hotline", "data/hotlines.yaml", "- id: centar\n  name: Центар\n  number: \"011 300\"\n", false, "data/hotlines.yaml:3:1: error: centar: \"011 300\": write a Serbian number with +381 in place of its leading 0, and check its digits against the source"},
		{"hotline with a 0 after +381", "data/hotlines.yaml", "- id: centar\n  name: Центар\n  number: \"+3810113000000\"\n  source: \"https://example.org/kontakt\"\n  verified: \"2026-01-15\"\n", false, "data/hotlines.yaml:3:1: error: centar: \"+3810113000000\": after +381 leave out the leading 0 of the area code: +381113000000"},
		{"hotline missing a digit", "data/hotlines.yaml", "- id: centar\n  name: Центар\n  number: \"+3816412345\"\n", false, "data/hotlines.yaml:3:1: error: centar: \"+3816412345\" has 7 digits after +381, where a number beginning with +381 64 has 8 to 9"},
		{"hotline unverified in production", "data/hotlines.yaml", "- id: centar\n  name: Центар\n  number: \"+381113000000\"\n  source: \"https://example.org/kontakt\"\n  verified: \"\"\n", true, "data/hotlines.yaml:1:1: error: centar (011 300 0000): the number is not verified"},
		{"phone link with a 0 after +381", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nПозовите [полицију](tel:+381011300000).\n", false, "content/sr/vesti/a.md:5:10: error: \"tel:+381011300000\" is not a phone number"},
		{"broken data", "data/akcioni-plan.yaml", "ciljevi:\n  - naziv: \"А\n", false, "data/akcioni-plan.yaml:2:12: error: this is not valid here"},
		{"translation of no Serbian page", "content/en/about/mandate.md", "---\ntitle: Mandate\ntranslationKey: mandat\n---\n", false, "content/en/about/mandate.md:3:1: error: no Serbian page has the translationKey \"mandat\": give this page the translationKey of the Serbian page it translates, or add that page under content/sr/ with the line translationKey: mandat"},
		{"help page without English", "content/sr/pomoc/_index.md", "---\ntitle: Помоћ\n---\n", false, "content/sr/pomoc/_index.md:1:1: warning: this page needs a version in English: add it under content/en/"},
		{"space in a name", "content/sr/vesti/nova vest.md", "---\ntitle: А\ndate: 2024-05-31\n---\n", false, "content/sr/vesti/nova vest.md:1:1: error: the name \"nova vest.md\" becomes part of the page's address, so it may hold only lower-case Latin letters without diacritics, digits and hyphens: rename it to \"nova-vest.md\""},
		{"Cyrillic name", "static/slike/обука.JPG", "jpg", false, "static/slike/обука.JPG:1:1: error: the name \"обука.JPG\" becomes part of the page's address, so it may hold only lower-case Latin letters without diacritics, digits and hyphens: rename it to \"obuka.jpg\""},
		{"byte-order mark", "content/sr/vesti/a.md", "\uFEFF---\ntitle: А\ndate: 2024-05-31\n---\n", false, "content/sr/vesti/a.md:1:1: error: the file starts with an invisible mark (a UTF-8 BOM)"},
		{"not UTF-8", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nObuka u Ni\x9au.\n", false, "content/sr/vesti/a.md:5:11: error: the text here is not UTF-8"},
		{"data not UTF-8", "data/organizacije.yaml", "- id: astra\n  name: \xc8ovek\n", false, "data/organizacije.yaml:2:9: error: the text here is not UTF-8"},
		{"video too big", "static/video/obuka.mp4", big10, false, "static/video/obuka.mp4:1:1: error: the file is 10.0 MB, more than the 10 MB allowed for it"},
		{"any file too big", "static/podaci.csv", big, false, "static/podaci.csv:1:1: error: the file is 1.0 MB, more than the 1 MB allowed for it"},
		{"font", "static/fontovi/sans.woff2", "wOF2", false, "static/fontovi/sans.woff2:1:1: error: fonts are not used on this site"},
		{"script file", "static/brojac.js", "fetch('https://tracker.example')", false, "static/brojac.js:1:1: error: scripts are not allowed among the site's files"},
		{"script in SVG", "static/slike/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>fetch('https://x.example')</script>\n</svg>\n", false, "static/slike/logo.svg:2:3: error: \"<script\" would run code"},
		{"event in SVG", "static/slike/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>\n", false, "static/slike/logo.svg:1:41: error: \"onload=\" would run code"},
		{"remote image in SVG", "content/sr/dokumenti/statut/mapa.svg", "<svg>\n<image href=\"https://maps.example/tile.png\"/>\n</svg>\n", false, "content/sr/dokumenti/statut/mapa.svg:2:8: error: \"href=\\\"https://\" would run code or load something from another site"},
		{"script in HTML", "static/stara-strana.html", "<p>Стара</p>\n<SCRIPT src=x></SCRIPT>\n", false, "static/stara-strana.html:2:1: error: \"<SCRIPT\" would run code"},
		{"embed shortcode", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nСнимак:\n\n{{< youtube dQw4w9WgXcQ >}}\n", false, "content/sr/vesti/a.md:7:1: error: {{< youtube >}} shows another site's content"},
		{"embed shortcode without spaces", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\n{{<instagram x>}}\n", false, "content/sr/vesti/a.md:5:1: error: {{< instagram >}} shows another site's content"},
		{"remote figure", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\n{{< figure src=\"https://cdn.example/a.jpg\" alt=\"А\" >}}\n", false, "content/sr/vesti/a.md:5:1: error: the image comes from another site"},
		{"unknown shortcode", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\n{{< galerija >}}\n", false, "content/sr/vesti/a.md:5:1: error: there is no shortcode \"galerija\" on this site"},
		{"remote image", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\n![Обука](https://cdn.example/obuka.jpg)\n", false, "content/sr/vesti/a.md:5:1: error: the image comes from another site"},
		{"zero after +381", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nПозовите +381 011 300 0000.\n", false, "content/sr/vesti/a.md:5:10: error: \"+381 011 300 0000\" is not a whole phone number (after +381 the 0 of the area code is left out)"},
		{"number missing digits", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nSOS linija: 011 300 00 (radnim danima).\n", false, "content/sr/vesti/a.md:5:13: error: \"011 300 00\" is not a whole phone number (it has 7 digits after the 0 or +381, where such a number has 8 to 9)"},
		{"number with a bracket open", "content/sr/vesti/a.md", "---\ntitle: А\ndate: 2024-05-31\n---\nPozovite (011 300 0000.\n", false, "content/sr/vesti/a.md:5:10: error: \"(011 300 0000\" is not a whole phone number (a bracket is not closed)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeSite(t, dir, baseSite)
			writeSite(t, dir, map[string]string{c.file: c.body})
			var got []string
			for _, f := range run(t, dir, c.production) {
				got = append(got, f.String())
				if strings.HasPrefix(f.String(), c.want) {
					return
				}
			}
			t.Errorf("no finding starts with\n  %s\ngot:\n  %s", c.want, strings.Join(got, "\n  "))
		})
	}
}

// A data file that cannot be read is said once, though the help lines are
// checked on their own as well.
func TestBrokenHotlinesAreSaidOnce(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, baseSite)
	writeSite(t, dir, map[string]string{"data/hotlines.yaml": "- id: centar\n  name: Центар\n  number: \"+381113000000\n  source: \"https://example.org/kontakt\"\n"})
	var said []string
	for _, f := range run(t, dir, false) {
		if f.Path == "data/hotlines.yaml" {
			said = append(said, f.String())
		}
	}
	want := "data/hotlines.yaml:3:11: error: this is not valid here (a quotation mark opened here is not closed)"
	if len(said) != 1 || !strings.HasPrefix(said[0], want) {
		t.Errorf("the broken help lines are said as\n  %s\nwant once, as\n  %s", strings.Join(said, "\n  "), want)
	}
}

func TestPathsLimitTheReport(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, baseSite)
	writeSite(t, dir, map[string]string{
		"content/sr/vesti/losa.md":  "---\ntitle: А\n---\n<b>x</b>\n",
		"content/sr/dokumenti/x.md": "---\ntitle: Б\ntilte: x\n---\n",
	})
	fs := run(t, dir, false, "content/sr/vesti")
	if len(fs) == 0 {
		t.Fatal("the broken news item was not reported")
	}
	for _, f := range fs {
		if !strings.HasPrefix(f.Path, "content/sr/vesti/") {
			t.Errorf("reported outside the asked folder: %s", f)
		}
	}
	fs = run(t, dir, false, "content/sr/nema.md")
	if len(fs) != 1 || fs[0].Severity != Error || fs[0].Path != "content/sr/nema.md" {
		t.Errorf("a path that does not exist must be one error, got %v", fs)
	}
}

func TestGitHubFormatEscapes(t *testing.T) {
	f := Finding{Path: "content/sr/a,b.md", Line: 3, Col: 2, Severity: Error, Message: "50% of\nit"}
	want := "::error file=content/sr/a%2Cb.md,line=3,col=2::50%25 of%0Ait"
	if got := GitHub(f); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestMessagesSpeakSerbian(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, baseSite)
	writeSite(t, dir, map[string]string{"content/sr/vesti/a.md": "---\ntitle: А\ndate: 2024-05-31\n---\n<b>x</b>\n"})
	fs, err := Site(dir, nil, Options{P: msg.Printer(msg.Serbian)})
	if err != nil || len(fs) != 1 {
		t.Fatalf("%v %v", fs, err)
	}
	if !strings.Contains(fs[0].Message, "HTML (<b>) se ne prikazuje") {
		t.Errorf("not in Serbian: %s", fs[0].Message)
	}
}

// BenchmarkCheck10000 checks a site of 10,000 news items (budget: 2 s).
func BenchmarkCheck10000(b *testing.B) {
	dir := b.TempDir()
	writeSite(b, dir, baseSite)
	files := map[string]string{}
	for i := range 10000 {
		files[fmt.Sprintf("content/sr/vesti/vest-%05d.md", i)] = fmt.Sprintf("---\ntitle: \"Обука локалних тимова %d\"\ndescription: \"Двodневна обука у Крагујевцу.\"\ndate: 2024-05-31\noznake: [obuka]\norganizacija: astra\n---\nЧланови [Локалних тимова](/vesti/) су похађали обуку о стандардним оперативним процедурама.\n\nВидети и [претходну вест](/vesti/vest-%05d/).\n", i, max(i-1, 0))
	}
	writeSite(b, dir, files)
	opts := Options{P: msg.Printer(msg.Serbian)}
	b.ResetTimer()
	for b.Loop() {
		fs, err := Site(dir, nil, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) != 10000 { // each description has one mixed word
			b.Fatalf("%d findings", len(fs))
		}
	}
}

// Numbers people write that are not broken phone numbers: the phone rule
// must not cry wolf.
func TestWholeNumbersPass(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, baseSite)
	text := strings.Join([]string{
		"Позовите 011 300 0000, (011) 300-0000, 011/3000-000 или +381 11 300 0000.",
		"Мобилни: +381 64 123 4567 и 064/123-4567; бесплатно 0800 100 600; Крагујевац 034 123 456.",
		"Хитне службе: 192, 194 и 112. Из иностранства: +44 20 7946 0958 или 0044 20 7946 0958.",
		"План 2017-2018, рок 05-06. маја, износ 1.000.000 динара и 20 000 000 динара, датум 01.02.2024.",
	}, "\n\n")
	writeSite(t, dir, map[string]string{"content/sr/vesti/brojevi.md": "---\ntitle: Бројеви\ndate: 2024-05-31\n---\n" + text + "\n"})
	for _, f := range run(t, dir, false, "content/sr/vesti/brojevi.md") {
		t.Errorf("unexpected finding: %s", f)
	}
}

func TestSymlinksAreRefused(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, baseSite)
	if err := os.Symlink("obuka.md", filepath.Join(dir, "content/sr/vesti/veza.md")); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	if err := os.Symlink("/etc", filepath.Join(dir, "static/sistem")); err != nil {
		t.Fatal(err)
	}
	// npm links its tools' commands; an installed tool at any depth is not the site.
	os.MkdirAll(filepath.Join(dir, "bench/node_modules/.bin"), 0o755)
	if err := os.Symlink("../lighthouse/cli.js", filepath.Join(dir, "bench/node_modules/.bin/lighthouse")); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"content/sr/vesti/veza.md": true, "static/sistem": true}
	for _, f := range run(t, dir, false) {
		if strings.Contains(f.Message, "is a link to another file") {
			if !want[f.Path] {
				t.Errorf("refused what is not the site's: %s", f)
			}
			delete(want, f.Path)
		}
	}
	for p := range want {
		t.Errorf("the link %s was not refused", p)
	}
	// Asked for by name, as save and publish ask, the link is still refused.
	if fs := run(t, dir, false, "content/sr/vesti/veza.md"); len(fs) != 1 || !strings.Contains(fs[0].Message, "is a link") {
		t.Errorf("checking the link by name: %v", fs)
	}
}

// siteModel is the real site's content model.
func siteModel(t *testing.T) *content.Model {
	t.Helper()
	m, err := content.Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestPageURLIsWhereLinksPoint(t *testing.T) {
	for rel, want := range map[string]string{
		"content/sr/vesti/obuka.md":            "/vesti/obuka/",
		"content/sr/dokumenti/statut/index.md": "/dokumenti/statut/",
		"content/en/news/training.md":          "/en/news/training/",
	} {
		if got := PageURL(siteModel(t), rel, []byte("---\ntitle: x\n---\n")); got != want {
			t.Errorf("PageURL(%s) = %s, want %s", rel, got, want)
		}
	}
	if got := PageURL(siteModel(t), "content/sr/vesti/a.md", []byte("---\ntitle: x\nslug: druga\n---\n")); got != "/vesti/druga/" {
		t.Errorf("with a slug: %s", got)
	}
}

// Given the build's shared pages, the check reads a page's header from the
// tree the pipeline reads after it: a production build parses each header
// once.
func TestCheckReadsTheSharedHeader(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, baseSite)
	pages := content.NewPages()
	page, err := pages.Read(filepath.Join(dir, "content", "sr", "vesti", "obuka.md"))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := page.Header()
	if err != nil {
		t.Fatal(err)
	}
	// The shared tree, and it alone, leaves the news item without a date.
	header := tree.Docs[0].Body.(*ast.MappingNode)
	header.Values = slices.DeleteFunc(header.Values, func(v *ast.MappingValueNode) bool { return v.Key.String() == "date" })
	findings, err := Site(dir, nil, Options{Production: true, P: msg.Printer(msg.English), Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 1 || findings[0].Path != "content/sr/vesti/obuka.md" || !strings.Contains(findings[0].Message, "date") {
		t.Errorf("the check parsed the header again: got %v", findings)
	}
}
