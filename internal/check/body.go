package check

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"centar/internal/content"
	"centar/internal/site"
	"centar/internal/translit"
)

var (
	fence      = regexp.MustCompile("^ {0,3}(```|~~~)")
	codeSpan   = regexp.MustCompile("`+[^`]*`+")
	htmlTag    = regexp.MustCompile(`<([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>|<([A-Za-z][A-Za-z0-9-]*)\s*$`)
	eventAttr  = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	inlineLink = regexp.MustCompile(`(!?)\[([^\[\]]*)\]\(\s*<?([^()\s<>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)`)
	refDef     = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)`)
	refCode    = regexp.MustCompile(`\{\{[<%]\s*(?:rel)?ref\s+"([^"]+)"\s*[>%]\}\}`)
	scheme     = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)
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
	inFence := false
	for i, line := range pg.body {
		n := pg.bodyLine + i
		if fence.MatchString(line) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		plain := codeSpan.ReplaceAllStringFunc(line, blank)
		c.checkHTML(pg, n, plain)
		c.checkLinks(pg, n, plain)
		c.checkShortcodes(pg, n, plain)
		c.checkPhones(pg, n, linkDestination.ReplaceAllStringFunc(plain, blank))
		for _, m := range translit.FindMixed(plain) {
			pg.add(Finding{Path: pg.rel, Line: n, Col: m.Col, Severity: Error, Message: c.mixedMessage(m)})
		}
	}
	c.checkEnglish(pg)
}

// blank replaces s with spaces, keeping every column where it was.
func blank(s string) string { return strings.Repeat(" ", len(s)) }

// linkDestination finds the destination part of an inline link, (…).
var linkDestination = regexp.MustCompile(`\]\([^()]*\)`)

func (c *checker) mixedMessage(m translit.MixedWord) string {
	return c.p.Sprintf("the word %q mixes Cyrillic and Latin letters that look alike; write it as %q", m.Word, m.Fix)
}

// col turns a byte offset in line into a 1-based column in characters.
func col(line string, off int) int { return utf8.RuneCountInString(line[:off]) + 1 }

func (c *checker) checkHTML(pg *page, n int, line string) {
	for _, m := range htmlTag.FindAllStringSubmatchIndex(line, -1) {
		// Closing tags are not reported: the opening one already was.
		var tag string
		if m[2] >= 0 {
			tag = strings.ToLower(line[m[2]:m[3]])
		} else {
			tag = strings.ToLower(line[m[6]:m[7]])
		}
		f := Finding{Path: pg.rel, Line: n, Col: col(line, m[0]), Severity: Error}
		switch {
		case dangerousTags[tag]:
			f.Message = c.p.Sprintf("<%s> is not allowed on this site: it could run code or show another site to readers; remove it", tag)
		case eventAttr.MatchString(line[m[0]:m[1]]):
			f.Message = c.p.Sprintf("the HTML attribute that starts with on… runs code and is not allowed; remove the HTML and write it in Markdown")
		default:
			f.Message = c.p.Sprintf("HTML (<%s>) is not shown on this site; write it in Markdown instead (e.g. **bold**, [link](/address/))", tag)
		}
		pg.add(f)
	}
}

func (c *checker) checkLinks(pg *page, n int, line string) {
	for _, m := range inlineLink.FindAllStringSubmatchIndex(line, -1) {
		image := m[3] > m[2]
		alt := line[m[4]:m[5]]
		dest := line[m[6]:m[7]]
		at := col(line, m[0])
		if image && (strings.HasPrefix(dest, "//") || scheme.MatchString(dest)) {
			pg.add(Finding{Path: pg.rel, Line: n, Col: at, Severity: Error, Message: c.p.Sprintf("the image comes from another site, which would learn who reads this page: put the image in static/ or beside the page and give its path")})
		}
		if image && strings.TrimSpace(alt) == "" {
			pg.add(Finding{Path: pg.rel, Line: n, Col: at, Severity: Error, Message: c.p.Sprintf("the image has no description: write what it shows between the brackets, e.g. ![Training in Kragujevac](%s)", dest)})
		}
		c.checkDestination(pg, n, at, dest)
	}
	if m := refDef.FindStringSubmatchIndex(line); m != nil {
		c.checkDestination(pg, n, col(line, m[2]), line[m[2]:m[3]])
	}
	for _, m := range refCode.FindAllStringSubmatchIndex(line, -1) {
		target := line[m[2]:m[3]]
		if !c.contentExists(pg, target) {
			pg.add(Finding{Path: pg.rel, Line: n, Col: col(line, m[0]), Severity: Error, Message: c.p.Sprintf("the page %q does not exist: check the path under content/%s/", target, pg.lang)})
		}
	}
	if i := strings.Index(strings.ToLower(line), "javascript:"); i >= 0 && !inlineLink.MatchString(line) {
		pg.add(Finding{Path: pg.rel, Line: n, Col: col(line, i), Severity: Error, Message: c.p.Sprintf("javascript: links run code and are not allowed; link to a web address or a page of this site")})
	}
}

func (c *checker) checkDestination(pg *page, n, at int, dest string) {
	if dest == "" || strings.HasPrefix(dest, "#") {
		return
	}
	if m := scheme.FindStringSubmatch(dest); m != nil {
		switch strings.ToLower(m[1]) {
		case "http", "https", "mailto":
		case "tel":
			if !site.Dialable(strings.TrimPrefix(dest, m[0])) {
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
		if _, err := os.Stat(filepath.Join(c.root, filepath.Dir(pg.rel), filepath.FromSlash(target))); err == nil {
			return
		}
		target = path.Join(path.Dir(pg.url+"x"), target)
		if strings.HasSuffix(dest, "/") {
			target += "/"
		}
	}
	if strings.HasPrefix(target, "/lat/") {
		target = strings.TrimPrefix(target, "/lat")
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
			if info, err := os.Stat(filepath.Join(c.root, filepath.FromSlash(p))); err == nil && !info.IsDir() {
				return true
			}
		}
	}
	return false
}

// checkEnglish warns about a Serbian page readers of English also need.
func (c *checker) checkEnglish(pg *page) {
	if pg.lang != "sr" {
		return
	}
	if !mustTranslate[pg.section] {
		return
	}
	if key := pg.value("translationKey"); key == "" || !c.english[key] {
		pg.add(Finding{Path: pg.rel, Line: 1, Col: 1, Severity: Warning, Message: c.p.Sprintf("this page needs an English version: add it under content/en/ and give both pages the same translationKey")})
	}
}

// checkData checks that every data list and string table can be read and that the hotlines
// are valid E.164 numbers with their source.
func (c *checker) checkData() {
	for _, dir := range []string{"data", "i18n"} {
		entries, _ := os.ReadDir(filepath.Join(c.root, dir))
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".yaml") {
				continue
			}
			rel := dir + "/" + e.Name()
			src, err := os.ReadFile(filepath.Join(c.root, dir, e.Name()))
			if err != nil {
				c.add(Finding{Path: rel, Severity: Error, Message: err.Error()})
				continue
			}
			if enc := c.checkEncoding(rel, src); len(enc) > 0 {
				c.findings = append(c.findings, enc...)
				continue
			}
			if _, f, ok := c.parseYAML(rel, src, 0); !ok {
				c.add(f)
			}
		}
	}
	s, err := site.Open(c.root, c.p)
	if err != nil {
		return
	}
	warnings, err := s.CheckHotlines(c.opts.Production)
	for _, p := range warnings {
		c.add(Finding{Path: p.File, Line: p.Line, Col: p.Col, Severity: Warning, Message: p.Msg})
	}
	if ps, ok := err.(site.Problems); ok {
		for _, p := range ps {
			c.add(Finding{Path: p.File, Line: p.Line, Col: p.Col, Severity: Error, Message: p.Msg})
		}
	}
}
