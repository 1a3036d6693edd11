package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"centar/internal/translit"
)

func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(&Factory{In: strings.NewReader(stdin), Out: &out, Err: &errb}, args)
	return code, out.String(), errb.String()
}

func TestTranslitFromStdinAndFile(t *testing.T) {
	code, out, _ := run(t, "nadživeti budžet\nLJUDI\n", "translit", "--to", "cyrl")
	if code != 0 || out != "надживети буџет\nЉУДИ\n" {
		t.Fatalf("%d %q", code, out)
	}
	f := filepath.Join(t.TempDir(), "a.md")
	os.WriteFile(f, []byte("---\ntitle: Љубав\nslug: ljubav\n---\n`код` Његош\n"), 0o644)
	code, out, _ = run(t, "", "translit", "--to", "latn", "--markdown", f)
	if code != 0 || out != "---\ntitle: Ljubav\nslug: ljubav\n---\n`код` Njegoš\n" {
		t.Fatalf("%d %q", code, out)
	}
}

func TestTranslitBadInput(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"invalid UTF-8", "red\n\xff\n", []string{"translit", "--to", "cyrl"}, "standardni ulaz:2: tekst nije u kodnom rasporedu UTF-8"},
		{"invalid UTF-8 far down", strings.Repeat("red\n", 1233) + "\xff\n", []string{"translit", "--to", "cyrl"}, "standardni ulaz:1234: tekst"},
		{"missing file", "", []string{"translit", "--to", "cyrl", "/nema/ga.txt"}, "ne mogu da pročitam /nema/ga.txt"},
		{"unknown script", "", []string{"translit", "--to", "glagoljica"}, "--to mora biti cyrl (ili cyr, ћир) ili latn (ili lat, latin), a ne \"glagoljica\""},
		{"no script", "", []string{"translit"}, "recite u koje pismo: --to cyrl (ćirilica) ili --to latn (latinica)"},
		{"Markdown too heavy to read", "---\ntitle: x\n---\n" + strings.Repeat("a_", 80000) + "\n", []string{"translit", "--to", "cyrl", "--markdown"}, "standardni ulaz:4: ovaj red ima više od 1.000 znakova bez razmaka"},
		{"unclosed front matter", "---\ntitle: x\n", []string{"translit", "--to", "cyrl", "--markdown"}, "standardni ulaz:1: zaglavlje stranice (front matter) otvoreno sa --- nije zatvoreno"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, tt.stdin, tt.args...)
		// A command given wrongly exits with 2, a text it cannot read with 1.
		wantCode := 1
		if strings.HasSuffix(tt.name, "script") {
			wantCode = 2
		}
		// Plain text streams: the lines before a bad one are out, whole.
		wantOut := ""
		if strings.HasPrefix(tt.name, "invalid UTF-8") {
			wantOut = strings.Repeat("ред\n", strings.Count(tt.stdin, "\n")-1)
		}
		if code != wantCode || out != wantOut || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: code %d, stdout %q, stderr %q; want exit %d, %q and stdout %q", tt.name, code, out, errOut, wantCode, tt.want, wantOut)
		}
	}
}

// --to takes each script by the names editors type for it.
func TestTranslitTakesEveryNameOfAScript(t *testing.T) {
	for to, want := range map[string]string{
		"cyrl": "Ђаци", "cyr": "Ђаци", "ћир": "Ђаци", "CYR": "Ђаци", "cyrillic": "Ђаци",
		"latn": "Đaci", "lat": "Đaci", "latin": "Đaci", "Latin": "Đaci",
	} {
		for _, in := range []string{"Ђаци", "Đaci"} {
			if code, out, errOut := run(t, in+"\n", "translit", "--to", to); code != 0 || out != want+"\n" {
				t.Errorf("--to %s of %s: exit %d, %q, want %q\n%s", to, in, code, out, want, errOut)
			}
		}
	}
	_, out, _ := run(t, "", "translit", "--help")
	if !strings.Contains(out, "cyrl (ili cyr, ћир) ili latn (ili lat, latin)") {
		t.Errorf("the help does not name the scripts' names:\n%s", out)
	}
}

// Plain text streams in blocks: what comes out is what the engine gives the
// whole text, however the input arrives, a last line without a line break too.
func TestTranslitStreamsWhatTheEngineGives(t *testing.T) {
	text := strings.Repeat("nadživeti budžet, Red Cross i `ljudi`\n{{ x\nljudi }} LJUDI\n", 3000) + "poslednji red bez kraja"
	want := translit.Default().String(text, translit.Cyrillic)
	for name, in := range map[string]io.Reader{
		"whole":         strings.NewReader(text),
		"a byte a time": iotest.OneByteReader(strings.NewReader(text)),
		"halves":        iotest.HalfReader(strings.NewReader(text)),
	} {
		var out, errb bytes.Buffer
		code := Main(&Factory{In: in, Out: &out, Err: &errb}, []string{"translit", "--to", "cyrl"})
		if code != 0 || out.String() != want {
			t.Errorf("%s: exit %d, %d bytes out, want %d; %s", name, code, out.Len(), len(want), errb.String())
		}
	}
}
