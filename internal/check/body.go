package check

import (
	"io/fs"
	"path"
	"regexp"
	"strings"

	"centar/internal/content"
	"centar/internal/translit"
)

var (
	htmlTag   = regexp.MustCompile(`<([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>|<([A-Za-z][A-Za-z0-9-]*)\s*$`)
	eventAttr = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	refCode   = regexp.MustCompile(`\{\{[<%]\s*(?:rel)?ref\s+"([^"]+)"\s*[>%]\}\}`)
	scheme    = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)
)

// dangerousTags can run code or pull in another site.
var dangerousTags = map[string]bool{"script": true, "iframe": true, "object": true, "embed": true, "style": true, "form": true, "frame": true, "frameset": true, "link": true, "meta": true, "base": true}

func (c *checker) checkPage(pg *page) {
	if !pg.ok {
		return
	}
	c.checkFrontMatter(pg)
	for _, key := range content.ReaderFields {
		if f := pg.field(key); f != nil {
			for _, m := range translit.FindMixed(f.value) {
				pg.add(c.at(pg, f, Error, c.mixedMessage(m)))
			}
		}
	}
	if e := content.TooHeavy(pg.body); e != nil {
		// goldmark would take too long over this body: it is not read.
		pg.add(Finding{Path: pg.rel, Line: pg.bodyLine + e.Line - 1, Col: 1, Severity: Error, Message: e.Say(c.p)})
		return
	}
	var doc *content.Doc
	if pg.shared != nil && pg.shared.Body == pg.body {
		doc = pg.shared.Doc() // read once for the check and the build
	} else {
		doc = content.Read([]byte(pg.body))
	}
	// at gives the line and column of an offset in the body.
	at := func(off int) (int, int) {
		line, col := doc.Position(off)
		return pg.bodyLine + line - 1, col
	}
	src := string(doc.Source)
	for _, s := range doc.HTML {
		c.checkHTML(pg, src[s.Start:s.End], s.Start, at)
	}
	for _, l := range doc.Links {
		c.checkLink(pg, l, at)
	}
	for _, s := range doc.Shortcodes {
		c.checkShortcode(pg, src[s.Start:s.End], s.Start, at)
	}
	for _, s := range doc.Text {
		text := src[s.Start:s.End]
		c.checkPhones(pg, text, s.Start, at)
		for _, m := range translit.FindMixed(text) {
			n, col := at(s.Start)
			pg.add(Finding{Path: pg.rel, Line: n, Col: col + m.Col - 1, Severity: Error, Message: c.mixedMessage(m)})
		}
	}
	for _, o := range doc.Unclosed() {
		n, col := at(o.At)
		pg.add(Finding{Path: pg.rel, Line: n, Col: col, Severity: Warning, Message: c.unclosedMessage(o.Markup)})
	}
	c.checkTranslations(pg)
	c.checkTranslationKey(pg)
}

// unclosedMessage says what readers see of markup left open, and how to
// mend it.
func (c *checker) unclosedMessage(m content.Markup) string {
	switch m {
	case content.Bold:
		return c.p.Sprintf("the bold text that starts here is not closed: readers see the marks (** or __) as typed. Close it with the same marks, or delete them")
	case content.Emphasis:
		return c.p.Sprintf("the italic text that starts here is not closed: readers see the mark (* or _) as typed. Close it with the same mark, or delete it")
	}
	return c.p.Sprintf("the link's address is not closed: write the link as [text](address), with the closing parenthesis")
}

// A locator gives the line and column of an offset in a page's body.
type locator func(off int) (line, col int)

func (c *checker) mixedMessage(m translit.MixedWord) string {
	return c.p.Sprintf("the word %q mixes Cyrillic and Latin letters that look alike; write it as %q", m.Word, m.Fix)
}

// checkHTML reports the tags of a piece of raw HTML that starts at off.
func (c *checker) checkHTML(pg *page, html string, off int, at locator) {
	for _, m := range htmlTag.FindAllStringSubmatchIndex(html, -1) {
		// Closing tags are not reported: the opening one already was.
		var tag string
		if m[2] >= 0 {
			tag = strings.ToLower(html[m[2]:m[3]])
		} else {
			tag = strings.ToLower(html[m[6]:m[7]])
		}
		n, col := at(off + m[0])
		f := Finding{Path: pg.rel, Line: n, Col: col, Severity: Error}
		switch {
		case dangerousTags[tag]:
			f.Message = c.p.Sprintf("<%s> is not allowed on this site: it could run code or show another site to readers; remove it", tag)
		case eventAttr.MatchString(html[m[0]:m[1]]):
			f.Message = c.p.Sprintf("the HTML attribute that starts with on… runs code and is not allowed; remove the HTML and write it in Markdown")
		default:
			f.Message = c.p.Sprintf("HTML (<%s>) is not shown on this site; write it in Markdown instead (e.g. **bold**, [link](/address/))", tag)
		}
		pg.add(f)
	}
}

// checkLink checks a link, an image or an address as goldmark read it:
// inline, by reference, over several lines or bare.
func (c *checker) checkLink(pg *page, l content.Link, at locator) {
	n, col := at(l.At)
	if l.Image && (strings.HasPrefix(l.Dest, "//") || scheme.MatchString(l.Dest)) {
		pg.add(Finding{Path: pg.rel, Line: n, Col: col, Severity: Error, Message: c.p.Sprintf("the image comes from another site, which would learn who reads this page: put the image in static/ or beside the page and give its path")})
	}
	if l.Image && strings.TrimSpace(l.Alt) == "" {
		pg.add(Finding{Path: pg.rel, Line: n, Col: col, Severity: Error, Message: c.p.Sprintf("the image has no description: write what it shows between the brackets, e.g. ![Training in Kragujevac](%s)", l.Dest)})
	}
	c.checkDestination(pg, n, col, l.Dest)
}

func (c *checker) checkDestination(pg *page, n, at int, dest string) {
	if dest == "" || strings.HasPrefix(dest, "#") {
		return
	}
	if m := scheme.FindStringSubmatch(dest); m != nil {
		switch strings.ToLower(m[1]) {
		case "http", "https", "mailto":
		case "tel":
			if !content.Dialable(strings.TrimPrefix(dest, m[0])) {
				pg.add(Finding{Path: pg.rel, Line: n, Col: at, Severity: Error, Message: c.p.Sprintf("%q is not a phone number readers can dial: write it as tel:+381… (E.164, digits only) or a short number such as tel:192", dest)})
			}
		case "javascript":
			pg.add(Finding{Path: pg.rel, Line: n, Col: at, Severity: Error, Message: c.p.Sprintf("javascript: links run code and are not allowed; link to a web address or a page of this site")})
		default:
			pg.add(Finding{Path: pg.rel, Line: n, Col: at, Severity: Error, Message: c.p.Sprintf("links may go only to web addresses (https://…), e-mail (mailto:), phone numbers (tel:) or pages of this site; %q is none of these", dest)})
		}
		return
	}
	target, _, _ := strings.Cut(dest, "#")
	target, _, _ = strings.Cut(target, "?")
	if !strings.HasPrefix(target, "/") {
		// A file beside the page, such as a bundle's PDF or image.
		if c.exists(path.Join(path.Dir(pg.rel), target)) {
			return
		}
		target = path.Join(path.Dir(pg.url+"x"), target)
		if strings.HasSuffix(dest, "/") {
			target += "/"
		}
	}
	// A page has the same path in every script of Serbian.
	for _, l := range c.model.Languages {
		if l.Generated() && l.Prefix != "/" && strings.HasPrefix(target, l.Prefix) {
			target = "/" + strings.TrimPrefix(target, l.Prefix)
		}
	}
	if c.urls[target] || (path.Ext(target) == "" && c.urls[target+"/"]) {
		return
	}
	pg.add(Finding{Path: pg.rel, Line: n, Col: at, Severity: Error, Target: target, Message: c.p.Sprintf("the link %s leads nowhere: there is no such page or file on the site; check the address", dest)})
}

// contentExists resolves a ref shortcode's target as Hugo does: relative to
// the page, else from the language's content folder.
func (c *checker) contentExists(pg *page, target string) bool {
	candidates := []string{path.Join(path.Dir(pg.rel), target), path.Join("content", pg.lang, target)}
	for _, cand := range candidates {
		for _, p := range []string{cand, cand + ".md", cand + "/index.md", cand + "/_index.md"} {
			if info, err := fs.Stat(c.fsys, p); err == nil && !info.IsDir() {
				return true
			}
		}
	}
	return false
}

// exists reports whether the site has something at rel, a path that may
// lead out of it (../).
func (c *checker) exists(rel string) bool {
	_, err := fs.Stat(c.fsys, rel)
	return err == nil
}

// checkTranslations warns about a Serbian page readers of every language
// need, for each language that lacks it.
func (c *checker) checkTranslations(pg *page) {
	if pg.lang != content.SerbianFolder || !c.model.MustTranslate(pg.section) {
		return
	}
	key := pg.value("translationKey")
	for _, l := range c.model.Translated() {
		if key == "" || !c.translated[l.Folder][key] {
			pg.add(Finding{Path: pg.rel, Line: 1, Col: 1, Severity: Warning, Message: c.p.Sprintf("this page needs a version in %s: add it under content/%s/ and give both pages the same translationKey", l.Label, l.Folder)})
		}
	}
}

// checkTranslationKey refuses a translation whose translationKey names no
// Serbian page: it would be shown with no page to translate, and no
// change of the Serbian text would ever say it is outdated.
func (c *checker) checkTranslationKey(pg *page) {
	f := pg.field("translationKey")
	if pg.lang == content.SerbianFolder || f == nil || f.value == "" || c.serbian[f.value] {
		return
	}
	pg.add(c.at(pg, f, Error, c.p.Sprintf("no Serbian page has the translationKey %q: give this page the translationKey of the Serbian page it translates, or add that page under content/sr/ with the line translationKey: %s", f.value, f.value),
		c.p.Sprintf("no Serbian page has this key")))
}

// checkData checks that every data list and string table can be read and that the hotlines
// are valid E.164 numbers with their source.
func (c *checker) checkData() {
	unreadable := map[string]bool{} // said once: the hotlines' own check would say it again
	for _, dir := range []string{"data", "i18n"} {
		entries, _ := fs.ReadDir(c.fsys, dir)
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".yaml") {
				continue
			}
			rel := dir + "/" + e.Name()
			src, err := fs.ReadFile(c.fsys, rel)
			if err != nil {
				c.add(Finding{Path: rel, Severity: Error, Message: err.Error()})
				continue
			}
			if enc := c.checkEncoding(rel, src); len(enc) > 0 {
				c.findings = append(c.findings, enc...)
				unreadable[rel] = true
				continue
			}
			if _, f, ok := c.parseYAML(rel, src, 0); !ok {
				c.add(f)
				unreadable[rel] = true
			}
		}
	}
	warnings, err := content.CheckHotlines(c.p, c.fsys, c.opts.Production)
	for _, f := range warnings {
		c.add(f)
	}
	if fs, ok := err.(content.Findings); ok {
		for _, f := range fs {
			if !unreadable[f.Path] {
				c.add(f)
			}
		}
	}
}
