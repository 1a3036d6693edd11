package check

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"centar/internal/translit"
)

// The rules at the door: what a file is, what it is called and how big it
// may be, before anything reads what it says.

// notSite are the folders of a site folder that are not the site: git's,
// the build's output, installed tools. Tools are installed (node_modules)
// at any depth: the benchmarks have their own.
var notSite = map[string]bool{".git": true, "public": true, "generated": true, "resources": true}

// checkTree walks the whole site for symbolic links, which git stores as
// links: the text they point at never reaches the site, and a fresh clone
// cannot build.
func (c *checker) checkTree() error {
	return fs.WalkDir(c.fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if notSite[rel] || d.Name() == "node_modules" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // a link to tools installed elsewhere
		}
		if d.Type()&fs.ModeSymlink != 0 {
			c.add(Finding{Path: rel, Severity: Error, Message: c.p.Sprintf("this is a link to another file, not a file: its text would never reach the site. Put the file itself here")})
		}
		return nil
	})
}

// fileName is what a name under content/ or static/ may be: it becomes part
// of an address.
var fileName = regexp.MustCompile(`^(?:_index|index|[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.[a-z0-9]+)*$`)

// checkName holds a file's path under content/ or static/ to lower-case
// ASCII letters, digits and hyphens.
func (c *checker) checkName(rel string) {
	parts := strings.Split(rel, "/")
	for _, part := range parts[1:] {
		if fileName.MatchString(part) {
			continue
		}
		base, ext, _ := strings.Cut(part, ".")
		fix := translit.Slug(base)
		if ext != "" {
			fix += "." + strings.ToLower(ext)
		}
		c.add(Finding{Path: rel, Severity: Error, Message: c.p.Sprintf("the name %q becomes part of the page's address, so it may hold only lower-case Latin letters without diacritics, digits and hyphens: rename it to %q", part, fix)})
		return
	}
}

// checkEncoding reports a byte-order mark and bytes that are not UTF-8 in a
// text file.
func (c *checker) checkEncoding(rel string, src []byte) []Finding {
	var out []Finding
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		out = append(out, Finding{Path: rel, Line: 1, Col: 1, Severity: Error, Message: c.p.Sprintf("the file starts with an invisible mark (a UTF-8 BOM) that some editors add: save it as UTF-8 without BOM")})
	}
	if !utf8.Valid(src) {
		line, col := 1, 1
		for i := 0; i < len(src); {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += size
		}
		out = append(out, Finding{Path: rel, Line: line, Col: col, Severity: Error, Message: c.p.Sprintf("the text here is not UTF-8 (it was saved in another encoding, such as Windows-1250): save the file as UTF-8")})
	}
	return out
}

// A fileKind is a kind of file readers download, with its size limit.
type fileKind int

const (
	otherFile fileKind = iota
	imageFile
	documentFile
	mediaFile
)

func (k fileKind) limit() int64 {
	if k == documentFile || k == mediaFile {
		return 10 << 20
	}
	return 1 << 20
}

// tooBig says, in the editor's language, what to do with a file of kind k
// that is too big.
func (c *checker) tooBig(k fileKind) string {
	switch k {
	case imageFile:
		return c.p.Sprintf("export the image narrower")
	case documentFile:
		return c.p.Sprintf("save the document as \"smallest size\"")
	case mediaFile:
		return c.p.Sprintf("make a shorter or lower-quality version, or link to where it is published")
	}
	return c.p.Sprintf("make it smaller")
}

// fileKinds maps file extensions to their kind; fonts and scripts have none,
// for they are refused whatever their size.
var fileKinds = map[string]fileKind{
	".jpg": imageFile, ".jpeg": imageFile, ".png": imageFile, ".gif": imageFile, ".webp": imageFile, ".avif": imageFile, ".svg": imageFile,
	".pdf": documentFile, ".doc": documentFile, ".docx": documentFile, ".odt": documentFile, ".rtf": documentFile,
	".xls": documentFile, ".xlsx": documentFile, ".ods": documentFile, ".ppt": documentFile, ".pptx": documentFile, ".odp": documentFile,
	".zip": documentFile,
	".mp3": mediaFile, ".ogg": mediaFile, ".oga": mediaFile, ".opus": mediaFile, ".m4a": mediaFile, ".wav": mediaFile,
	".mp4": mediaFile, ".webm": mediaFile, ".m4v": mediaFile, ".mov": mediaFile, ".avi": mediaFile, ".mkv": mediaFile,
}

var (
	fontExt   = map[string]bool{".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true}
	scriptExt = map[string]bool{".js": true, ".mjs": true, ".wasm": true}
	markupExt = map[string]bool{".svg": true, ".html": true, ".htm": true, ".xhtml": true, ".xml": true}
)

// checkFile holds a file readers download to its kind's size limit, refuses
// fonts and scripts, and reads SVG and HTML for what would run in a reader's
// browser.
func (c *checker) checkFile(f file) {
	ext := strings.ToLower(path.Ext(f.rel))
	switch {
	case fontExt[ext]:
		c.add(Finding{Path: f.rel, Severity: Error, Message: c.p.Sprintf("fonts are not used on this site: pages use the reader's own fonts, which cost nothing to load; remove the file")})
		return
	case scriptExt[ext]:
		c.add(Finding{Path: f.rel, Severity: Error, Message: c.p.Sprintf("scripts are not allowed among the site's files: the site runs only its theme's own scripts; remove the file")})
		return
	}
	kind := fileKinds[ext]
	if f.size > kind.limit() {
		c.add(Finding{Path: f.rel, Severity: Error, Message: c.p.Sprintf("the file is %.1f MB, more than the %d MB allowed for it: readers on phones pay for every byte; %s", float64(f.size)/(1<<20), kind.limit()>>20, c.tooBig(kind))})
	}
	if markupExt[ext] && f.size <= kind.limit() {
		c.checkMarkup(f.rel)
	}
}

// activeMarkup is what, in an SVG or HTML file, runs code or loads from
// another site.
var activeMarkup = regexp.MustCompile(`(?i)<script|<iframe|<object|<embed|<foreignobject|<link\b|<meta\b|\son[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import`)

// checkMarkup reports what in an SVG or HTML file would run code or load
// from another site in the reader's browser.
func (c *checker) checkMarkup(rel string) {
	src, err := fs.ReadFile(c.fsys, rel)
	if err != nil {
		c.add(Finding{Path: rel, Severity: Error, Message: err.Error()})
		return
	}
	for i, line := range strings.Split(string(src), "\n") {
		for _, m := range activeMarkup.FindAllStringIndex(line, -1) {
			start := m[0] + len(line[m[0]:m[1]]) - len(strings.TrimLeft(line[m[0]:m[1]], " \t"))
			c.add(Finding{Path: rel, Line: i + 1, Col: utf8.RuneCountInString(line[:start]) + 1, Severity: Error, Message: c.p.Sprintf("%q would run code or load something from another site in the reader's browser: remove it (export the drawing again as plain SVG, or the page as Markdown)", line[start:m[1]])})
		}
	}
}

// shortcode finds a shortcode call's name: {{< name …>}} or {{% name …%}};
// a commented one, {{</* … */>}}, is text.
var shortcode = regexp.MustCompile(`\{\{[<%]\s*/?\s*([A-Za-z0-9_.-]+)`)

// embedShortcodes are Hugo's own shortcodes that show another site's content
// — each a request to that site from the reader's phone.
var embedShortcodes = map[string]bool{
	"youtube": true, "vimeo": true, "vimeo_simple": true, "x": true, "x_simple": true, "twitter": true,
	"twitter_simple": true, "tweet": true, "instagram": true, "instagram_simple": true, "gist": true,
}

// localShortcodes are Hugo's own shortcodes that stay on the site.
var localShortcodes = map[string]bool{
	"ref": true, "relref": true, "highlight": true, "figure": true, "param": true, "comment": true, "details": true, "qr": true,
}

// remoteSource finds a src="…" that names another site.
var remoteSource = regexp.MustCompile(`(?i)\bsrc\s*=\s*["']?\s*(?:https?:)?//`)

// checkShortcode reports a shortcode, starting at off, that would bring
// another site's content onto the page, one the site does not have, and a
// ref or relref to a page that does not exist.
func (c *checker) checkShortcode(pg *page, call string, off int, at locator) {
	for _, m := range shortcode.FindAllStringSubmatchIndex(call, -1) {
		name := call[m[2]:m[3]]
		n, col := at(off + m[0])
		switch {
		case embedShortcodes[name]:
			pg.add(Finding{Path: pg.rel, Line: n, Col: col, Severity: Error, Message: c.p.Sprintf("{{< %s >}} shows another site's content, and that site would learn who reads this page: link to it instead, e.g. [the video](https://…)", name)})
		case localShortcodes[name]:
			if remoteSource.MatchString(call[m[0]:]) {
				pg.add(Finding{Path: pg.rel, Line: n, Col: col, Severity: Error, Message: c.p.Sprintf("the image comes from another site, which would learn who reads this page: put the image in static/ or beside the page and give its path")})
			}
		case !c.shortcodes[name]:
			pg.add(Finding{Path: pg.rel, Line: n, Col: col, Severity: Error, Message: c.p.Sprintf("there is no shortcode %q on this site: remove the {{< … >}} call", name)})
		}
	}
	for _, m := range refCode.FindAllStringSubmatchIndex(call, -1) {
		if target := call[m[2]:m[3]]; !c.contentExists(pg, target) {
			n, col := at(off + m[0])
			pg.add(Finding{Path: pg.rel, Line: n, Col: col, Severity: Error, Message: c.p.Sprintf("the page %q does not exist: check the path under content/%s/", target, pg.lang)})
		}
	}
}

// siteShortcodes lists the shortcodes the site's layouts and theme define.
func siteShortcodes(fsys fs.FS) map[string]bool {
	out := map[string]bool{}
	dirs, _ := fs.Glob(fsys, "themes/*/layouts")
	dirs = append(dirs, "layouts")
	for _, d := range dirs {
		for _, sub := range []string{"_shortcodes", "shortcodes"} {
			entries, err := fs.ReadDir(fsys, d+"/"+sub)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			for _, e := range entries {
				name, _, _ := strings.Cut(e.Name(), ".")
				out[name] = true
			}
		}
	}
	return out
}

// phoneLike finds what looks like a phone number in running text: a + or a 0
// and digits, with the spaces, slashes, hyphens and brackets people write
// between them.
var phoneLike = regexp.MustCompile(`(?:^|[^\w+/.,(-])((?:\+|00)[1-9][\d /()-]*\d|\(?0[1-9]\d{0,2}\)?[ /-][\d /()-]*\d)`)

// checkPhones reports numbers in a piece of running text, starting at off,
// that cannot be whole phone numbers: a wrong number on this site sends a
// victim nowhere.
func (c *checker) checkPhones(pg *page, text string, off int, at locator) {
	for _, m := range phoneLike.FindAllStringSubmatchIndex(text, -1) {
		number := text[m[2]:m[3]]
		if fault, digits, min, max := phoneProblem(number); fault != phoneOK {
			n, col := at(off + m[2])
			pg.add(Finding{Path: pg.rel, Line: n, Col: col, Severity: Error, Message: c.p.Sprintf("%q is not a whole phone number (%s): check it against its source; write Serbian numbers as 011 300 0000 or +381 11 300 0000", number, c.phoneReason(fault, digits, min, max))})
		}
	}
}

// A phoneFault is what is wrong with a phone number as written.
type phoneFault int

const (
	phoneOK phoneFault = iota
	unclosedBracket
	zeroAfterCountry
	serbianLength
	internationalLength
)

func (c *checker) phoneReason(f phoneFault, digits, min, max int) string {
	switch f {
	case unclosedBracket:
		return c.p.Sprintf("a bracket is not closed")
	case zeroAfterCountry:
		return c.p.Sprintf("after +381 the 0 of the area code is left out")
	case internationalLength:
		return c.p.Sprintf("an international number has 7 to 15 digits")
	}
	return c.p.Sprintf("it has %d digits after the 0 or +381, where such a number has %d to %d", digits, min, max)
}

// serbianDigits is how many digits a Serbian number has after its leading 0
// (or after +381), by what they begin with: Belgrade and mobiles 8 or 9,
// free and premium lines 9, other towns 7 to 9.
func serbianDigits(nsn string) (min, max int) {
	switch {
	case strings.HasPrefix(nsn, "11"), strings.HasPrefix(nsn, "6"):
		return 8, 9
	case strings.HasPrefix(nsn, "800"), strings.HasPrefix(nsn, "900"):
		return 9, 9
	}
	return 7, 9
}

// phoneProblem says what is wrong with a phone number as written, with the
// count of its digits after the 0 (or +381) and the count it should have.
// Numbers too short to be meant as phone numbers (05-06, a range of days)
// are not judged.
func phoneProblem(number string) (fault phoneFault, digits, min, max int) {
	var b strings.Builder
	for _, r := range number {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	international := strings.HasPrefix(number, "+") || strings.HasPrefix(number, "00")
	if strings.HasPrefix(number, "00") {
		d = d[2:]
	}
	var nsn string
	switch {
	case len(d) < 4 || (!international && len(d) < 6):
		return phoneOK, 0, 0, 0
	case strings.Count(number, "(") != strings.Count(number, ")"):
		return unclosedBracket, 0, 0, 0
	case international && strings.HasPrefix(d, "3810"):
		return zeroAfterCountry, 0, 0, 0
	case international && strings.HasPrefix(d, "381"):
		nsn = d[3:]
	case international:
		if len(d) < 7 || len(d) > 15 {
			return internationalLength, 0, 0, 0
		}
		return phoneOK, 0, 0, 0
	default:
		nsn = d[1:]
	}
	min, max = serbianDigits(nsn)
	if len(nsn) < min || len(nsn) > max {
		return serbianLength, len(nsn), min, max
	}
	return phoneOK, 0, 0, 0
}
