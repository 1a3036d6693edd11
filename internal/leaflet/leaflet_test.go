package leaflet

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const sample = `Центар за заштиту жртава трговине људима је установа у систему
социјалне заштите.

## Делатност

- врши процену стања, потреба, снага и ризика жртава трговине људима;
- израђује индивидуалне [планове](/planovi/) пружања услуга;

<div>skriveno</div>
`

func TestBlocksOf(t *testing.T) {
	got := blocksOf(sample)
	want := []block{
		{text: "Центар за заштиту жртава трговине људима је установа у систему социјалне заштите.", size: bodySize, before: 8},
		{text: "Делатност", size: 14, bold: true, before: 10},
		{text: "врши процену стања, потреба, снага и ризика жртава трговине људима;", size: bodySize, bullet: true, before: 3},
		{text: "израђује индивидуалне планове пружања услуга;", size: bodySize, bullet: true, before: 3},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d blocks: %+v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestRenderIsAReadablePDF(t *testing.T) {
	long := strings.Repeat("Дуг пасус који се прелама у више редова и на више страна. ", 200)
	pdf, err := Render("Инфо летак", sample+"\n"+long)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:20])
	}
	again, _ := Render("Инфо летак", sample+"\n"+long)
	if !bytes.Equal(pdf, again) {
		t.Error("the same text must give the same bytes, or every preview would rewrite it")
	}
	if len(pdf) > 200*1024 {
		t.Errorf("the PDF is %d bytes: the font should be embedded as a subset", len(pdf))
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("SKIPPED the text check: pdftotext (Debian's poppler-utils) is not installed")
	}
	f := filepath.Join(t.TempDir(), "l.pdf")
	os.WriteFile(f, pdf, 0o644)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Инфо летак", "Делатност", "врши процену стања, потреба, снага и ризика", "израђује индивидуалне планове"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text[:min(len(text), 400)])
		}
	}
	if strings.Contains(text, "skriveno") {
		t.Error("HTML must not reach the PDF")
	}
	info, err := exec.Command("pdfinfo", f).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	if !regexp.MustCompile(`(?m)^Pages:\s+([2-9]|\d\d)`).Match(info) {
		t.Errorf("a long text must flow onto more pages:\n%s", info)
	}
}
