// Package leaflet lays out a leaflet's Markdown text as an A4 PDF, so the
// downloadable leaflet always says what its web page says, in the same script.
//
// Of the project's packages it may import only content.
package leaflet

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/signintech/gopdf"
	"github.com/yuin/goldmark/ast"

	"centar/internal/content"
)

// Liberation Sans covers Serbian Cyrillic and Latin; SIL Open Font License,
// see fonts/LICENSE. Only the glyphs a leaflet uses are embedded in its PDF.
var (
	//go:embed fonts/LiberationSans-Regular.ttf
	regularFont []byte
	//go:embed fonts/LiberationSans-Bold.ttf
	boldFont []byte
)

// Page geometry in points (A4).
const (
	pageWidth, pageHeight = 595.28, 841.89
	margin                = 56.0 // about 2 cm
	textWidth             = pageWidth - 2*margin
	bodySize              = 11.0
	lineFactor            = 1.45
	bulletIndent          = 14.0
)

// block is one piece of the leaflet: a heading, a paragraph or a list item.
type block struct {
	text   string
	size   float64
	bold   bool
	bullet bool
	before float64 // space above, in points
}

// Render returns the PDF of a leaflet with the title and Markdown body.
func Render(title, markdown string) ([]byte, error) {
	blocks := append([]block{{text: title, size: 18, bold: true}}, blocksOf(markdown)...)

	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "centar"})
	if err := pdf.AddTTFFontData("regular", regularFont); err != nil {
		return nil, fmt.Errorf("leaflet font: %w", err)
	}
	if err := pdf.AddTTFFontData("bold", boldFont); err != nil {
		return nil, fmt.Errorf("leaflet font: %w", err)
	}
	pdf.AddPage()
	y := margin
	for _, b := range blocks {
		font, x, width := "regular", margin, textWidth
		if b.bold {
			font = "bold"
		}
		if b.bullet {
			x, width = margin+bulletIndent, textWidth-bulletIndent
		}
		if err := pdf.SetFont(font, "", b.size); err != nil {
			return nil, err
		}
		lines, err := pdf.SplitTextWithWordWrap(b.text, width)
		if err != nil {
			return nil, fmt.Errorf("laying out %q: %w", firstWords(b.text), err)
		}
		lineHeight := b.size * lineFactor
		y += b.before
		for i, line := range lines {
			if y+lineHeight > pageHeight-margin {
				pdf.AddPage()
				y = margin
			}
			if b.bullet && i == 0 {
				pdf.SetXY(margin+3, y)
				if err := pdf.Cell(nil, "•"); err != nil {
					return nil, err
				}
			}
			pdf.SetXY(x, y)
			if err := pdf.Cell(nil, line); err != nil {
				return nil, err
			}
			y += lineHeight
		}
	}
	return pdf.GetBytesPdfReturnErr()
}

// blocksOf reads the headings, paragraphs and list items of a Markdown text;
// links keep their text, code its characters, and HTML is left out.
func blocksOf(markdown string) []block {
	doc := content.Read([]byte(markdown))
	var blocks []block
	var walk func(n ast.Node, inList bool)
	walk = func(n ast.Node, inList bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Heading:
				blocks = append(blocks, block{text: inlineText(doc, c), size: 18 - 2*float64(min(c.Level, 3)), bold: true, before: 10})
			case *ast.Paragraph, *ast.TextBlock:
				before := 8.0
				if inList {
					before = 3
				}
				blocks = append(blocks, block{text: inlineText(doc, c), size: bodySize, bullet: inList, before: before})
			case *ast.List, *ast.ListItem, *ast.Blockquote:
				walk(c, inList || c.Kind() == ast.KindListItem)
			}
		}
	}
	walk(doc.Root, false)
	return blocks
}

// inlineText joins the words under n into one line.
func inlineText(doc *content.Doc, n ast.Node) string {
	return strings.Join(strings.Fields(doc.Words(n)), " ")
}

func firstWords(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
