package merge

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

const base = "Први пасус.\n\nДруги пасус.\n\nТрећи пасус.\n"

func TestTexts(t *testing.T) {
	for _, tc := range []struct {
		name, base, ours, theirs string
		want                     string // the merged text, when clean
		conflicts                int
	}{
		{name: "different paragraphs",
			base: base, ours: strings.Replace(base, "Први", "Ана: први", 1), theirs: strings.Replace(base, "Трећи", "Борис: трећи", 1),
			want: "Ана: први пасус.\n\nДруги пасус.\n\nБорис: трећи пасус.\n"},
		{name: "the same line changed differently",
			base: base, ours: strings.Replace(base, "Други", "Анин други", 1), theirs: strings.Replace(base, "Други", "Борисов други", 1),
			conflicts: 1},
		{name: "the same change on both sides",
			base: base, ours: strings.Replace(base, "Други", "Исти", 1), theirs: strings.Replace(base, "Други", "Исти", 1),
			want: "Први пасус.\n\nИсти пасус.\n\nТрећи пасус.\n"},
		{name: "adjacent lines are a conflict",
			base: "a\nb\nc\nd\n", ours: "a\nB\nc\nd\n", theirs: "a\nb\nC\nd\n",
			conflicts: 1},
		{name: "lines one apart merge",
			base: "a\nb\nc\nd\ne\n", ours: "a\nB\nc\nd\ne\n", theirs: "a\nb\nc\nD\ne\n",
			want: "a\nB\nc\nD\ne\n"},
		{name: "one side deletes a paragraph the other edited",
			base: base, ours: "Први пасус.\n\nТрећи пасус.\n", theirs: strings.Replace(base, "Други", "Измењени други", 1),
			conflicts: 1},
		{name: "one side deletes a paragraph the other left",
			base: base, ours: "Први пасус.\n\nТрећи пасус.\n", theirs: strings.Replace(base, "Трећи", "Нови трећи", 1),
			want: "Први пасус.\n\nНови трећи пасус.\n"},
		{name: "one side deletes a paragraph, the other edits the one before",
			base: base, ours: "Први пасус.\n\nТрећи пасус.\n", theirs: strings.Replace(base, "Први", "Нови први", 1),
			want: "Нови први пасус.\n\nТрећи пасус.\n"},
		{name: "one side adds inside, the other at the end",
			base: "a\n1\nb\n2\nc\n3\n", ours: "a\n1\nA\nb\n2\nc\n3\n", theirs: "a\n1\nb\n2\nc\n3\nC\n",
			want: "a\n1\nA\nb\n2\nc\n3\nC\n"},
		{name: "both add at the end differently",
			base: base, ours: base + "\nАна.\n", theirs: base + "\nБорис.\n",
			conflicts: 1},
		{name: "one side adds at the start, the other at the end",
			base: base, ours: "Наслов.\n\n" + base, theirs: base + "\nКрај.\n",
			want: "Наслов.\n\n" + base + "\nКрај.\n"},
		{name: "CR LF against LF: theirs changed the breaks and a line",
			base: "a\nb\nc\nd\ne\n", ours: "a\nB\nc\nd\ne\n", theirs: "a\r\nb\r\nc\r\nD\r\ne\r\n",
			want: "a\r\nB\r\nc\r\nD\r\ne\r\n"},
		{name: "CR LF kept when neither side changed the breaks",
			base: "a\r\nb\r\nc\r\nd\r\ne\r\n", ours: "a\r\nB\r\nc\r\nd\r\ne\r\n", theirs: "a\r\nb\r\nc\r\nD\r\ne\r\n",
			want: "a\r\nB\r\nc\r\nD\r\ne\r\n"},
		{name: "a final line break added on one side",
			base: "a\nb\nc", ours: "a\nb\nc\n", theirs: "A\nb\nc",
			want: "A\nb\nc\n"},
		{name: "Cyrillic against Latin of the same line is a change",
			base: "Prvi.\n\nDrugi.\n", ours: "Први.\n\nDrugi.\n", theirs: "Prvi.\n\nДруги.\n",
			want: "Први.\n\nДруги.\n"},
		{name: "empty base, both add the same",
			base: "", ours: "x\n", theirs: "x\n",
			want: "x\n"},
		{name: "empty base, both add differently",
			base: "", ours: "x\n", theirs: "y\n",
			conflicts: 1},
		{name: "one side empties the file, the other does not touch it",
			base: base, ours: "", theirs: base,
			want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Texts([]byte(tc.base), []byte(tc.ours), []byte(tc.theirs))
			if len(r.Conflicts) != tc.conflicts {
				t.Fatalf("%d conflicts, want %d: %+v", len(r.Conflicts), tc.conflicts, r.Conflicts)
			}
			if tc.conflicts == 0 {
				if got := string(r.Bytes()); got != tc.want {
					t.Errorf("merged:\n%q\nwant\n%q", got, tc.want)
				}
			}
			// Merging is symmetric, but for which side a conflict calls ours.
			s := Texts([]byte(tc.base), []byte(tc.theirs), []byte(tc.ours))
			if len(s.Conflicts) != tc.conflicts || (tc.conflicts == 0 && !bytes.Equal(s.Bytes(), r.Bytes())) {
				t.Errorf("with the sides swapped: %d conflicts, %q", len(s.Conflicts), s.Bytes())
			}
		})
	}
}

func TestAConflictSaysBothSidesAndWhere(t *testing.T) {
	ours := strings.Replace(base, "Други", "Анин други", 1)
	theirs := "Увод.\n\n" + strings.Replace(base, "Други", "Борисов други", 1)
	r := Texts([]byte(base), []byte(ours), []byte(theirs))
	if len(r.Conflicts) != 1 {
		t.Fatalf("conflicts: %+v", r.Conflicts)
	}
	c := r.Conflicts[0]
	if string(c.Base) != "Други пасус.\n" || string(c.Ours) != "Анин други пасус.\n" || string(c.Theirs) != "Борисов други пасус.\n" {
		t.Errorf("the conflict holds %q / %q / %q", c.Base, c.Ours, c.Theirs)
	}
	if c.OursLine != 3 || c.TheirsLine != 5 {
		t.Errorf("the conflict is at line %d of ours and %d of theirs, want 3 and 5", c.OursLine, c.TheirsLine)
	}
	both := r.Resolve(func(_ int, c Conflict) []byte { return append(append([]byte{}, c.Ours...), c.Theirs...) })
	want := "Увод.\n\nПрви пасус.\n\nАнин други пасус.\nБорисов други пасус.\n\nТрећи пасус.\n"
	if string(both) != want {
		t.Errorf("resolved with both:\n%q\nwant\n%q", both, want)
	}
	if theirsWon := r.Resolve(func(_ int, c Conflict) []byte { return c.Theirs }); string(theirsWon) != theirs {
		t.Errorf("resolved with theirs: %q", theirsWon)
	}
}

// The merge of texts ten times longer takes about ten times as long, not a
// hundred: no input, however it is made, stalls a publish.
func TestGrowingTextsMergeInLinearTime(t *testing.T) {
	text := func(n int, who string) []byte {
		var b bytes.Buffer
		for i := range n {
			if i%10 == 3 {
				fmt.Fprintf(&b, "%s %d\n", who, i)
			} else {
				fmt.Fprintf(&b, "ред %d\n", i)
			}
		}
		return b.Bytes()
	}
	cost := func(n int) time.Duration {
		start := time.Now()
		for range 3 {
			Texts(text(n, "ред"), text(n, "Ана"), text(n, "ред"))
		}
		return time.Since(start)
	}
	small, large := cost(2000), cost(20000)
	if large > 40*small+100*time.Millisecond {
		t.Errorf("10× the lines took %v against %v", large, small)
	}
}

func BenchmarkTexts(b *testing.B) {
	page := strings.Repeat(base, 200)
	ours := strings.Replace(page, "Први", "Ана", 1)
	theirs := strings.Replace(page, "Трећи", "Борис", 150)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		Texts([]byte(page), []byte(ours), []byte(theirs))
	}
}

func TestKeepWritesUnchangedLinesAsTheyWere(t *testing.T) {
	old := "Увод.\n\n- први\n- други\n\nТекст \\*са\\* знаком.\n"
	rewritten := "Увод.\n\n* први\n* измењени други\n\nТекст *са* знаком.\n"
	key := func(l []byte) string {
		s := strings.TrimRight(string(l), "\r\n")
		s = strings.TrimPrefix(strings.TrimPrefix(s, "* "), "- ")
		return strings.ReplaceAll(s, "\\", "")
	}
	fresh := func(l []byte) []byte { return append([]byte(">"), l...) }
	got := string(Keep([]byte(old), []byte(rewritten), key, fresh))
	want := "Увод.\n\n- први\n>* измењени други\n\nТекст \\*са\\* знаком.\n"
	if got != want {
		t.Errorf("kept:\n%q\nwant\n%q", got, want)
	}
}

// Changes lists the lines that differ, removals before what replaced
// them, and none when the lines read alike by their key.
func TestChangesListTheLinesThatDiffer(t *testing.T) {
	folded := func(line []byte) string { return strings.Join(strings.Fields(string(line)), " ") }
	for _, tc := range []struct {
		name, old, now string
		want           string
	}{
		{"a line changed", base, strings.Replace(base, "Други", "Нови други", 1), "-Други пасус. +Нови други пасус."},
		{"a line added at the end", base, base + "Четврти.\n", "+Четврти."},
		{"a line added at the start", base, "Нулти.\n" + base, "+Нулти."},
		{"a line removed", base, strings.Replace(base, "Други пасус.\n\n", "", 1), "-Други пасус. -"},
		{"only white space", base, strings.Replace(base, "Други пасус.", "Други  пасус. ", 1), ""},
		{"nothing", base, base, ""},
	} {
		var got []string
		for _, c := range Changes([]byte(tc.old), []byte(tc.now), folded) {
			sign := "+"
			if c.Removed {
				sign = "-"
			}
			got = append(got, sign+c.Line)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, strings.Join(got, " "), tc.want)
		}
	}
}
