package translit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzNoPanicValidOutput(f *testing.F) {
	for _, s := range []string{"Љубав", "nadživeti [[x]] `c`", "---\ntitle: a\n---\n[a](b \"c\")", "\xff", "[[", "{{<", "%[1", "ЉЉ\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, out := range []string{ToLatin(s), ToCyrillic(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
		}
	})
}

// vocabulary is Serbian words in Cyrillic, from the Centre's texts and the lexicon.
var vocabulary = strings.Fields(`центар за заштиту жртава трговине људима делатност установа социјалне
	заштите њихова џеп буџет љубав његош инјекција надживети поджанр конјункција ђорђевић ћирилица
	шест чланом републике србије министарство унутрашњих послова ванјезички танјуг анјон оджалити
	и у на да је ли ми ви се од до по кроз савет влада`)

// sentence builds Serbian text from fuzz bytes: words from the vocabulary, one
// letter case per sentence, as real text is written.
func sentence(data []byte) string {
	var b strings.Builder
	for i := 0; i+2 < len(data); i += 3 {
		var words []string
		for k := 0; k < 2+int(data[i+1]%4); k++ {
			words = append(words, vocabulary[(int(data[i])+k*7)%len(vocabulary)])
		}
		s := strings.Join(words, " ")
		switch data[i+2] % 3 {
		case 1:
			s = strings.ToUpper(s)
		case 2:
			r, n := utf8.DecodeRuneInString(s)
			s = strings.ToUpper(string(r)) + s[n:]
		}
		b.WriteString(s)
		b.WriteString([]string{". ", ", ", "\n", "! "}[data[i+1]%4])
	}
	return b.String()
}

func FuzzCyrillicLatinCyrillicIsIdentity(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte("ЉУБАВ и budžet"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := sentence(data)
		if back := ToCyrillic(ToLatin(s)); back != s {
			t.Fatalf("round trip changed\n%q\ninto\n%q", s, back)
		}
	})
}

// Converting twice changes nothing: what is converted is in the script, and
// what stays stays. Text in [[…]] is the exception by design: the brackets
// are gone after one conversion.
func FuzzConvertingTwiceChangesNothing(f *testing.F) {
	for _, s := range []string{"nadživeti budžet Red Cross", "Љубав ЊЕГОШ https://пример.срб/пут", "XXI vek, BAN III", "`ljudi` {{ x }} update-a", "O'Brien's konj"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.Contains(s, "[[") {
			return
		}
		for _, to := range []Script{Cyrillic, Latin} {
			once := Default().String(s, to)
			if twice := Default().String(once, to); twice != once {
				t.Fatalf("to %s: %q → %q → %q", to, s, once, twice)
			}
		}
	})
}

// The one-pass conversion of plain lines, and of text that needs none,
// gives what the tokens give.
func FuzzPlainLinesMatchTokens(f *testing.F) {
	for _, s := range []string{"Vlada je 12.10.2017. donela, vidi astra.rs/x i (www.astra.rs).", "IOM-a, MUP-om: Red Cross, XXI vek", "%d {name} O'Brien", "ljudi: sledeće.", "a.)b a.:b x@y.rs #tag",
		"Центар „за заштиту“ — жртава\u00a0«трговине» људима: 12.10.2017. (пример.срб/пут)\u205fЉУБАВ…", "Ѓ Ќ Ѐ Ѝ ї є ґ й\n\tЏ", "и\u0301 ђ\u0306", "Ivan ђ", "ђ\u00adж ж\u00b5"} {
		f.Add(s)
	}
	slow := New(nil)
	slow.slowOnly = true
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := Default().toCyrillic(s), slow.toCyrillic(s); got != want {
			t.Fatalf("%q:\none pass %q\n  tokens %q", s, got, want)
		}
	})
}
