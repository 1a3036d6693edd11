package search

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Words a reader may type for the same thing share a key: both scripts,
// with and without diacritics, in every case and number.
func TestFormsOfAWordShareAKey(t *testing.T) {
	for _, group := range [][]string{
		{"жртва", "žrtva", "zrtva", "жртве", "žrtve", "zrtve", "жртава", "žrtava", "zrtava", "жртвама", "žrtvama", "ŽRTVAMA"},
		{"Крагујевац", "Kragujevac", "kragujevac", "Крагујевцу", "Kragujevcu", "Kragujevca", "Крагујевцем"},
		{"трговина", "trgovina", "трговине", "trgovini", "trgovinom", "TRGOVINA"},
		{"помоћ", "pomoć", "pomoc", "помоћи", "pomoci"},
		{"национални", "nacionalni", "nacionalnog", "nacionalnim", "nacionalna", "nacionalnih"},
		{"информација", "informacije", "informaciju", "информацијама", "informacijom"},
		{"Чачак", "Čačak", "Cacak", "Чачку", "Čačka"},
		{"Ћуприја", "Ćuprija", "Cuprija", "Ћуприји"},
		{"џеп", "džep", "dzep"},
		{"известилац", "izvestilac", "IZVESTIOCA", "известиоцу", "izvestioci"},
		{"gledalac", "gledaoca", "гледаоцима"},
	} {
		want := Keys(group[0])[0]
		for _, w := range group[1:] {
			if got := Keys(w)[0]; got != want {
				t.Errorf("%s → %q, but %s → %q: want one key", w, got, group[0], want)
			}
		}
	}
}

func TestDjIsFoundAsDjAndD(t *testing.T) {
	keys := Keys("Ђаково")
	for _, typed := range []string{"Đakovo", "Djakovo", "djakovo", "Dakovo", "dakovu"} {
		if !slices.Contains(keys, Keys(typed)[0]) {
			t.Errorf("%s → %v; Ђаково's keys are %v", typed, Keys(typed), keys)
		}
	}
}

func TestDifferentWordsKeepDifferentKeys(t *testing.T) {
	for _, pair := range [][2]string{{"жртва", "жито"}, {"trgovina", "trg"}, {"pomoć", "pomak"}, {"Kragujevac", "Kraljevo"}, {"pomoć", "pomlac"}} {
		if Keys(pair[0])[0] == Keys(pair[1])[0] {
			t.Errorf("%s and %s share the key %q", pair[0], pair[1], Keys(pair[0])[0])
		}
	}
}

func TestEnglishKeys(t *testing.T) {
	for in, want := range map[string]string{"Victims": "victim", "victim's": "victim", "Centre": "centre", "activities": "activity", "address": "address"} {
		if got := EnglishKey(in); got != want {
			t.Errorf("EnglishKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// A language with no rules of its own folds case, apostrophes, Arabic
// marks and the letters written two ways, and transliterates nothing.
func TestPlainKeysFoldWhatReadersTypeEitherWay(t *testing.T) {
	for _, group := range [][]string{
		{"пам'ять", "памʼять", "ПАМ’ЯТЬ", "память"},
		{"أمان", "إمان", "آمان", "امان", "أَمَان"},
		{"مساعدة", "مساعده", "مُساعَدة", "مســاعدة"},
		{"كتاب", "کتاب"},
		{"علي", "علی", "على"},
		{"می‌خواهم", "میخواهم"},
	} {
		want := PlainKey(group[0])
		for _, w := range group[1:] {
			if got := PlainKey(w); got != want {
				t.Errorf("PlainKey(%q) = %q, PlainKey(%q) = %q: want one key", w, got, group[0], want)
			}
		}
	}
	for _, pair := range [][2]string{{"допомога", "dopomoga"}, {"мир", "мор"}, {"كتب", "كتاب"}} {
		if PlainKey(pair[0]) == PlainKey(pair[1]) {
			t.Errorf("%s and %s share the key %q", pair[0], pair[1], PlainKey(pair[0]))
		}
	}
}

func TestWords(t *testing.T) {
	got := Words("Жртве „трговине” људима, O'Brien's e-mail — 2024. (Kragujevac)")
	want := []string{"Жртве", "трговине", "људима", "O'Brien's", "e-mail", "2024", "Kragujevac"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
	// Arabic vowel signs stay in their word; the Persian non-joiner joins.
	got = Words("مُساعَدة، می‌خواهم‌ пам'ять")
	want = []string{"مُساعَدة", "می‌خواهم", "пам'ять"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

// Each language's pages go to its own index, folded by its own rules: an
// Arabic or Ukrainian reader finds a page with or without the letters
// folded, and Serbian finds nothing of theirs.
func TestEachLanguageHasItsOwnIndex(t *testing.T) {
	public := t.TempDir()
	ix := newIndex(t, "en", "uk", "ar")
	for rel, src := range map[string]string{
		"pomoc/index.html":     `<main><h1>Помоћ</h1><p>Помоћ жртвама.</p></main>`,
		"uk/help/index.html":   `<main><h1>Допомога</h1><p>Пам'ять і безпека.</p></main>`,
		"ar/help/index.html":   `<main><h1>مُساعَدة</h1><p>أمان الضحايا.</p></main>`,
		"en/help/index.html":   `<main><h1>Help</h1></main>`,
		"uk/safe/index.html":   `<main><h1>Безпека</h1></main>`,
		"ukraine/x/index.html": `<main><h1>Україна</h1></main>`, // a Serbian page whose address begins so
	} {
		if err := ix.Add(rel, []byte(src)); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Write(public); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]int{"sr": 2, "uk": 2, "ar": 1, "en": 1} {
		var meta Meta
		readJSON(t, filepath.Join(public, "search", lang, "meta.json"), &meta)
		if meta.Docs != want {
			t.Errorf("the %s index has %d pages, want %d", lang, meta.Docs, want)
		}
	}
	for lang, typed := range map[string][]string{"uk": {"памʼять", "ПАМЯТЬ", "пам’ять"}, "ar": {"مساعدة", "مساعده", "امان", "إمان"}} {
		var meta Meta
		readJSON(t, filepath.Join(public, "search", lang, "meta.json"), &meta)
		for _, w := range typed {
			key := KeysOf(lang)(w)[0]
			var shard map[string][]int
			readJSON(t, filepath.Join(public, "search", lang, "k", shardFor(meta, key)+".json"), &shard)
			if len(shard[key]) == 0 {
				t.Errorf("%s: %q (key %q) finds nothing", lang, w, key)
			}
		}
	}
}

// An index finds a page by any form of its words, in either script, and
// says where each shard is. It covers the site's pages only: not feeds, the
// web editor, nor a list's later pages.
func TestIndexCoversThePagesOfBothLanguages(t *testing.T) {
	public := indexed(t, map[string]string{
		"vesti/obuka/index.html": `<html><body><nav class="c-crumbs"><ol><li><a>Почетна</a></li><li><a>Вести</a></li><li>Обука</li></ol></nav>
		<main><h1>Обука у Крагујевцу</h1><p class="c-meta"><time datetime="2024-05-31">31. мај</time> Ознаке</p><h2>Жртве</h2><p>Помоћ жртвама трговине људима.</p><nav>Странице</nav></main></body></html>`,
		"lat/vesti/obuka/index.html":  `<html><body><main><h1>Obuka u Kragujevcu</h1></main></body></html>`,
		"pretraga/index.html":         `<html><body><main data-search-skip><h1>Претрага</h1></main></body></html>`,
		"en/news/training/index.html": `<html><body><main><h1>Training in Kragujevac</h1><p>Help for victims.</p></main></body></html>`,
		"vesti/obuka/feed/index.xml":  `<main><h1>Not a page</h1></main>`,
		"vesti/page/2/index.html":     `<main><h1>Вести</h1><ul><li>Обука у Крагујевцу</li></ul></main>`,
	})
	var meta Meta
	readJSON(t, filepath.Join(public, "search", "sr", "meta.json"), &meta)
	if meta.Docs != 1 {
		t.Fatalf("the Serbian index has %d pages, want 1 (Latin pages are the Cyrillic ones; the search page, the feed and the list's second page are skipped)", meta.Docs)
	}
	var doc Doc
	readJSON(t, filepath.Join(public, "search", "sr", docFile(0, meta.PerFolder)), &doc)
	if doc.URL != "/vesti/obuka/" || doc.Title != "Обука у Крагујевцу" || doc.Section != "Вести" || doc.Date != "2024-05-31" || strings.Contains(doc.Text, "Странице") || strings.Contains(doc.Text, "Ознаке") {
		t.Errorf("page read as %+v", doc)
	}
	for _, typed := range []string{"zrtvama", "Kragujevac", "трговина", "pomoc"} {
		key := Keys(typed)[0]
		var shard map[string][]int
		readJSON(t, filepath.Join(public, "search", "sr", "k", shardFor(meta, key)+".json"), &shard)
		if got := shard[key]; len(got) != 2 || got[0] != 0 {
			t.Errorf("%s (key %q): postings %v, want page 0", typed, key, got)
		}
	}
	var title map[string][]int
	readJSON(t, filepath.Join(public, "search", "sr", "k", "ob.json"), &title)
	if w := title[Keys("обука")[0]]; len(w) != 2 || w[1] < inTitle {
		t.Errorf("a title word weighs %v, want at least %d", w, inTitle)
	}
	var en Meta
	readJSON(t, filepath.Join(public, "search", "en", "meta.json"), &en)
	if en.Docs != 1 {
		t.Errorf("the English index has %d pages, want 1", en.Docs)
	}
}

// indexed adds pages (by their paths in the site) to an index, in the
// order of their paths or, with reversed, the other way round, and writes it
// into a new folder, which it returns.
func indexed(t *testing.T, pages map[string]string, reversed ...bool) string {
	t.Helper()
	rels := slices.Sorted(maps.Keys(pages))
	if len(reversed) > 0 && reversed[0] {
		slices.Reverse(rels)
	}
	ix := newIndex(t, "en")
	for _, rel := range rels {
		if err := ix.Add(rel, []byte(pages[rel])); err != nil {
			t.Fatal(err)
		}
	}
	public := t.TempDir()
	if err := ix.Write(public); err != nil {
		t.Fatal(err)
	}
	return public
}

func readJSON(t *testing.T, p string, v any) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
}

// shardFor is the shard a key is in: the longest shard name it starts with.
func shardFor(meta Meta, key string) string {
	best := ""
	for _, s := range meta.Shards {
		if strings.HasPrefix(key, s) && len(s) > len(best) {
			best = s
		}
	}
	return best
}

// However many words share a prefix, a query downloads a shard of bounded
// size, and finds every key in the shard its name says.
func TestLargeShardsAreSplit(t *testing.T) {
	ix := &index{docs: 1000, doc: docAt, postings: map[string][]posting{}}
	letters := "abcdefghijklmnoprstuvz"
	for i := range 4000 {
		key := "po" + string(letters[i%22]) + string(letters[(i/22)%22]) + string(letters[(i/484)%22])
		ix.postings[key] = []posting{{i % 1000, 1}, {(i + 1) % 1000, 2}}
	}
	ix.postings["po"] = []posting{{1, 1}}
	for i := range 1000 {
		ix.postings["pomoc"] = append(ix.postings["pomoc"], posting{i, 1}) // one key on every page: never split
	}
	dir := t.TempDir()
	if err := ix.write(dir); err != nil {
		t.Fatal(err)
	}
	var meta Meta
	readJSON(t, filepath.Join(dir, "meta.json"), &meta)
	if len(meta.Shards) < 4 {
		t.Fatalf("shards %v: the prefix po was not split", meta.Shards)
	}
	for key := range ix.postings {
		var shard map[string][]int
		readJSON(t, filepath.Join(dir, "k", shardFor(meta, key)+".json"), &shard)
		if len(shard[key]) != 2*len(ix.postings[key]) {
			t.Errorf("%s is not in its shard %s", key, shardFor(meta, key))
		}
	}
	for _, s := range meta.Shards {
		b, _ := os.ReadFile(filepath.Join(dir, "k", s+".json"))
		var keys map[string][]int
		json.Unmarshal(b, &keys)
		if len(b) > 2*maxShard && len(keys) > 1 {
			t.Errorf("shard %s is %d bytes with %d keys", s, len(b), len(keys))
		}
	}
}

// docAt is page id's file in an index made for a test: its address tells
// its number.
func docAt(id int) ([]byte, error) { return encodeJSON(Doc{URL: fmt.Sprint("/", id, "/")}) }

// newIndex is an empty index, let go of when the test ends.
func newIndex(t testing.TB, others ...string) *Index {
	t.Helper()
	ix, err := NewIndex(others...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// A page's file is where meta.json says the browser finds it, and no
// folder holds more than its share, however many pages there are.
func TestPagesFilesAreInTheFoldersMetaNames(t *testing.T) {
	const pages = 2*perFolder + 3
	ix := &index{docs: pages, doc: docAt, postings: map[string][]posting{}}
	dir := t.TempDir()
	if err := ix.write(dir); err != nil {
		t.Fatal(err)
	}
	var meta Meta
	readJSON(t, filepath.Join(dir, "meta.json"), &meta)
	if meta.PerFolder <= 0 || meta.Docs != pages {
		t.Fatalf("meta.json says %d pages, %d a folder", meta.Docs, meta.PerFolder)
	}
	for id := range pages {
		var d Doc
		readJSON(t, filepath.Join(dir, docFile(id, meta.PerFolder)), &d)
		if d.URL != fmt.Sprint("/", id, "/") {
			t.Errorf("page %d's file holds %s", id, d.URL)
		}
	}
	folders, err := os.ReadDir(filepath.Join(dir, "d"))
	if err != nil {
		t.Fatal(err)
	}
	if len(folders) != 3 {
		t.Errorf("%d pages are in %d folders, want 3", pages, len(folders))
	}
	for _, f := range folders {
		if files, _ := os.ReadDir(filepath.Join(dir, "d", f.Name())); len(files) > meta.PerFolder {
			t.Errorf("folder %s holds %d files", f.Name(), len(files))
		}
	}
}

// The same pages give the same files, byte for byte, in whatever order
// they were published: a deploy uploads only what changed.
func TestIndexIsDeterministic(t *testing.T) {
	pages := map[string]string{}
	for i, title := range []string{"Жртве", "Помоћ", "Обука у Крагујевцу", "Трговина људима"} {
		pages[fmt.Sprint("vesti/v", i, "/index.html")] = "<main><h1>" + title + "</h1><p>Помоћ жртвама трговине у Крагујевцу.</p></main>"
	}
	sameIndex(t, snapshot(indexed(t, pages)), snapshot(indexed(t, pages, true)))
}

// Pages added from many goroutines at once, as Hugo publishes them, make
// the index they make one by one.
func TestPagesAddedAtOnceIndexAsOneByOne(t *testing.T) {
	words := strings.Fields("жртве помоћ обука Крагујевац трговина људима ђак Ђорђе центар закон мера рок")
	pages := map[string]string{}
	for i := range 300 {
		var text []string
		for k := range 5 + i%7 {
			text = append(text, words[(i*k+k)%len(words)])
		}
		pages[fmt.Sprint("vesti/v", i, "/index.html")] = fmt.Sprintf("<main><h1>%s %d</h1><h2>%s</h2><p>%s</p></main>",
			words[i%len(words)], i, words[(i+3)%len(words)], strings.Join(text, " "))
	}
	ix := newIndex(t, "en")
	var wg sync.WaitGroup
	for rel, src := range pages {
		wg.Go(func() {
			if err := ix.Add(rel, []byte(src)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	public := t.TempDir()
	if err := ix.Write(public); err != nil {
		t.Fatal(err)
	}
	sameIndex(t, snapshot(indexed(t, pages)), snapshot(public))
}

// snapshot is every file of the index written into public, by path.
func snapshot(public string) map[string]string {
	files := map[string]string{}
	filepath.WalkDir(filepath.Join(public, Dir), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(public, p)
			files[rel] = string(b)
		}
		return nil
	})
	return files
}

func sameIndex(t *testing.T, first, second map[string]string) {
	t.Helper()
	if len(first) == 0 || len(first) != len(second) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for p, b := range first {
		if second[p] != b {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// Only the breadcrumbs and <main> are read, in a page as the production
// build minifies it (attributes unquoted, optional end tags left out) too:
// words of the header and the footer are on every page and find nothing.
func TestIndexReadsTheCrumbsAndMainOnly(t *testing.T) {
	pages := map[string]string{
		"vesti/obuka/index.html": `<!doctype html><html lang=sr><head><title>Обука</title><script>let s="<main>"</script></head><body>` +
			`<header><a href=/>Центар</a><nav class=c-menu><ul><li><a href=/zaglavlje/>Заглавље<li><a>Мени</a></ul></nav></header>` +
			`<nav class="c-crumbs x" aria-label=Путања><ol><li><a href=/>Почетна</a><li><a href=/vesti/>Вести</a><li>Обука</ol></nav>` +
			`<main id=sadrzaj><h1>Обука у Крагујевцу</h1><p>Помоћ жртвама.<p>Друга реченица.</main>` +
			`<footer><p>Подножје</footer></body></html>`,
		"index.html":    `<!doctype html><html><body><header><p>Заглавље</header><main><h1>Почетна страна</h1><p>Добродошли.</main><footer>Подножје</footer></body></html>`,
		"en/index.html": `<html><body><p>No main here.</p></body></html>`,
	}
	public := indexed(t, pages)
	var meta Meta
	readJSON(t, filepath.Join(public, "search", "sr", "meta.json"), &meta)
	docs := map[string]Doc{}
	for id := range meta.Docs {
		var d Doc
		readJSON(t, filepath.Join(public, "search", "sr", docFile(id, meta.PerFolder)), &d)
		docs[d.URL] = d
	}
	news, home := docs["/vesti/obuka/"], docs["/"]
	if len(docs) != 2 || news.Title != "Обука у Крагујевцу" || news.Section != "Вести" || news.Text != "Помоћ жртвама. Друга реченица." {
		t.Errorf("news page read as %+v (of %d pages)", news, len(docs))
	}
	if home.Title != "Почетна страна" || home.Text != "Добродошли." || home.Section != "" {
		t.Errorf("home page read as %+v", home)
	}
	for _, word := range []string{"Заглавље", "Мени", "Подножје", "Центар"} {
		key := Keys(word)[0]
		var shard map[string][]int
		b, err := os.ReadFile(filepath.Join(public, "search", "sr", "k", shardFor(meta, key)+".json"))
		if err == nil && json.Unmarshal(b, &shard) == nil && len(shard[key]) > 0 {
			t.Errorf("%s, outside the crumbs and <main>, is indexed: %v", word, shard[key])
		}
	}
	var en Meta
	readJSON(t, filepath.Join(public, "search", "en", "meta.json"), &en)
	if en.Docs != 0 {
		t.Errorf("a page without <main> is indexed")
	}
}

// Words on either side of a block's edge stay apart, though a production
// page is minified with nothing between them: table headers, blocks, a
// heading after a paragraph, the lines the index leaves out.
func TestBlocksKeepWordsApart(t *testing.T) {
	src := `<main><h1>План</h1><table><tr><th>Мера<th>Рок<tr><td>Обука<td>2025</table>` +
		`<div>Први</div><div>Други</div>Трећи<p class=c-meta>Ознаке</p>Четврти<h2>Нас<em>лов</em></h2>Пети<section>Шести</section>седми<br>осми</main>`
	p, ok, err := readPage([]byte(src))
	if err != nil || !ok {
		t.Fatalf("the page was not read: %v", err)
	}
	if want := "Мера Рок Обука 2025 Први Други Трећи Четврти Пети Шести седми осми"; p.text != want {
		t.Errorf("text %q\nwant %q", p.text, want)
	}
	if got := strings.Fields(p.headings); len(got) != 1 || got[0] != "Наслов" {
		t.Errorf("headings %q, want the one word Наслов", got)
	}
}

// A long page (the action plan holds 61 KB of text) is found by a word of
// its end, though only its start is kept for excerpts.
func TestALongPageIsFoundByItsLastWords(t *testing.T) {
	long := strings.Repeat("Активност плана. ", maxText/10) + "Надзорни одбор."
	public := indexed(t, map[string]string{"strategija/plan/index.html": "<main><h1>Акциони план</h1><p>" + long + "</p></main>"})
	var meta Meta
	readJSON(t, filepath.Join(public, "search", "sr", "meta.json"), &meta)
	key := Keys("одбор")[0]
	var shard map[string][]int
	readJSON(t, filepath.Join(public, "search", "sr", "k", shardFor(meta, key)+".json"), &shard)
	if len(shard[key]) != 2 {
		t.Errorf("a word past the first %d bytes is not indexed: %v", maxText, shard[key])
	}
	var doc Doc
	readJSON(t, filepath.Join(public, "search", "sr", docFile(0, meta.PerFolder)), &doc)
	if len(doc.Text) > maxText || !strings.HasPrefix(doc.Text, "Активност плана. Активност") {
		t.Errorf("the excerpt text is %d bytes: %.40q…", len(doc.Text), doc.Text)
	}
}

// The shortcuts that tell letters and spaces agree with Unicode's tables
// on every character.
func TestLettersAndSpacesAsUnicodeHasThem(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := wordRune(r), unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r); got != want {
			t.Errorf("wordRune(%U) = %v, want %v", r, got, want)
		}
		want := 0
		if unicode.IsSpace(r) {
			want = utf8.RuneLen(r)
		}
		if got := spaceAt(string(r)+"x", 0); got != want {
			t.Errorf("spaceAt(%U) = %d, want %d", r, got, want)
		}
	}
	for c := 0x80; c < 0xC0; c++ { // a byte inside a letter
		if spaceAt(string([]byte{byte(c)}), 0) != 0 {
			t.Errorf("spaceAt(%#x) is a space", c)
		}
	}
}

func TestOneSpaced(t *testing.T) {
	for in, want := range map[string]string{
		"  Помоћ\n\t жртвама\u00a0 трговине  ": "Помоћ жртвама трговине",
		"":                "",
		" \n ":            "",
		"a":               "a",
		"ж\u2003ш\u3000Ж": "ж ш Ж",
		"\xd0  ж  \xd1":   "\xd0 ж \xd1", // a Cyrillic letter cut short takes no space with it
		"ж\xd0":           "ж\xd0",
	} {
		if got := oneSpaced(in); got != want {
			t.Errorf("oneSpaced(%q) = %q, want %q", in, got, want)
		}
	}
}

// oneSpaced is the words of strings.Fields, joined by one space, whatever
// the text: spaces of every kind, runs, ends, and bytes that are not UTF-8.
func FuzzOneSpaced(f *testing.F) {
	for _, seed := range []string{"", " ", "a", "a b", "a  b", " a b ", "a\tb", "ж\u00a0ш", "ж \u00a0ш", "\u2003\u3000", "a\xc2", "a \xe2\x80", "\u0085x\u1680 y\u205f", "Помоћ жртвама трговине"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := oneSpaced(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneSpaced(%q) = %q, want %q", s, got, want)
		}
	})
}

// BenchmarkAdd reads a news page of the real site (testdata/vest.html, as
// centar build writes it) into an index: the build does it for every
// Cyrillic and English page while Hugo renders.
func BenchmarkAdd(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "vest.html"))
	if err != nil {
		b.Fatal(err)
	}
	ix := newIndex(b, "en")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if err := ix.Add("vesti/obuka/index.html", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite writes the index of 6,000 pages, a site of 5,000 news
// items in Cyrillic and English: the rest of the build waits for it. Its
// 12,000 files are most of the time on a disk; TMPDIR=/dev/shm leaves the
// disk out.
func BenchmarkWrite(b *testing.B) {
	ix := newIndex(b, "en")
	rng := rand.New(rand.NewPCG(1, 2))
	letters := []rune("абвгдђежзијклљмнњопрстћуфхцчџш")
	vocabulary := make([]string, 20000)
	for i := range vocabulary {
		word := make([]rune, 3+rng.IntN(8))
		for j := range word {
			word[j] = letters[rng.IntN(len(letters))]
		}
		vocabulary[i] = string(word)
	}
	for i := range 6000 {
		var text strings.Builder
		for range 400 {
			// Some words are on most pages, most on few, as in a language.
			text.WriteString(vocabulary[int(float64(len(vocabulary))*math.Pow(rng.Float64(), 3))] + " ")
		}
		src := fmt.Sprintf("<body><main><h1>Вест %d</h1><p>%s</main>", i, text.String())
		if err := ix.Add(fmt.Sprintf("vesti/%d/index.html", i), []byte(src)); err != nil {
			b.Fatal(err)
		}
	}
	public := b.TempDir()
	for b.Loop() {
		if err := ix.Write(public); err != nil {
			b.Fatal(err)
		}
	}
}
