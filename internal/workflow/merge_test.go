package workflow

import (
	"strconv"
	"strings"
	"testing"
)

const page = "---\ntitle: Помоћ\ndate: 2024-05-31\ntranslationKey: help\n---\nПрви пасус.\n\nДруги пасус.\n\nТрећи пасус.\n"

// The cases two editors meet on one page, and what publishing does with
// them: merge, or ask the editor.
func TestMergeFile(t *testing.T) {
	edit := func(old, new string) string { return strings.Replace(page, old, new, 1) }
	for _, tc := range []struct {
		name, path, ours, theirs string
		base                     string // page when ""
		want                     string // the merged file, when clean
		conflicts                []string
		both                     string // the file with both sides kept, when set
	}{
		{name: "different paragraphs", path: "content/sr/pomoc/_index.md",
			ours: edit("Први", "Анин први"), theirs: edit("Трећи", "Борисов трећи"),
			want: "---\ntitle: Помоћ\ndate: 2024-05-31\ntranslationKey: help\n---\nАнин први пасус.\n\nДруги пасус.\n\nБорисов трећи пасус.\n"},
		{name: "the same paragraph", path: "content/sr/pomoc/_index.md",
			ours: edit("Други", "Анин други"), theirs: edit("Други", "Борисов други"),
			conflicts: []string{"text at line 8"},
			both:      edit("Други пасус.", "Анин други пасус.\n\nБорисов други пасус.")},
		{name: "adjacent lines", path: "content/sr/pomoc/_index.md",
			base: "---\ntitle: A\n---\n- један\n- два\n- три\n", ours: "---\ntitle: A\n---\n- један\n- ДВА\n- три\n", theirs: "---\ntitle: A\n---\n- један\n- два\n- ТРИ\n",
			conflicts: []string{"text at line 5"}},
		{name: "a paragraph deleted on one side and edited on the other", path: "content/sr/pomoc/_index.md",
			ours: edit("Други пасус.\n\n", ""), theirs: edit("Други", "Борисов други"),
			conflicts: []string{"text at line 8"}},
		{name: "front matter against body", path: "content/sr/pomoc/_index.md",
			ours: edit("title: Помоћ", "title: Помоћ жртвама"), theirs: edit("Трећи", "Борисов трећи"),
			want: "---\ntitle: Помоћ жртвама\ndate: 2024-05-31\ntranslationKey: help\n---\nПрви пасус.\n\nДруги пасус.\n\nБорисов трећи пасус.\n"},
		{name: "adjacent header fields, each changed on one side", path: "content/sr/pomoc/_index.md",
			ours: edit("title: Помоћ", "title: Помоћ жртвама"), theirs: edit("date: 2024-05-31", "date: 2024-06-01"),
			want: "---\ntitle: Помоћ жртвама\ndate: 2024-06-01\ntranslationKey: help\n---\nПрви пасус.\n\nДруги пасус.\n\nТрећи пасус.\n"},
		{name: "one field changed on both sides", path: "content/sr/pomoc/_index.md",
			ours: edit("title: Помоћ", "title: Помоћ жртвама"), theirs: edit("title: Помоћ", "title: Где потражити помоћ"),
			conflicts: []string{"title at line 2"}},
		{name: "a field added on each side", path: "content/sr/pomoc/_index.md",
			ours: edit("translationKey: help\n", "translationKey: help\ndescription: Опис\n"), theirs: edit("date: 2024-05-31\n", "date: 2024-05-31\nweight: 2\n"),
			want: "---\ntitle: Помоћ\ndate: 2024-05-31\ntranslationKey: help\ndescription: Опис\nweight: 2\n---\nПрви пасус.\n\nДруги пасус.\n\nТрећи пасус.\n"},
		{name: "CR LF against LF", path: "content/sr/pomoc/_index.md",
			ours: edit("Први", "Анин први"), theirs: strings.ReplaceAll(edit("Трећи", "Борисов трећи"), "\n", "\r\n"),
			want: strings.ReplaceAll("---\ntitle: Помоћ\ndate: 2024-05-31\ntranslationKey: help\n---\nАнин први пасус.\n\nДруги пасус.\n\nБорисов трећи пасус.\n", "\n", "\r\n")},
		{name: "Cyrillic against Latin text of one page", path: "content/sr/pomoc/_index.md",
			ours: edit("Први пасус", "Prvi pasus"), theirs: edit("Трећи пасус", "Treći pasus"),
			want: "---\ntitle: Помоћ\ndate: 2024-05-31\ntranslationKey: help\n---\nPrvi pasus.\n\nДруги пасус.\n\nTreći pasus.\n"},
		{name: "a data file's different entries", path: "data/hotlines.yaml",
			base:   "- id: a\n  number: \"192\"\n- id: b\n  number: \"194\"\n- id: c\n  number: \"112\"\n",
			ours:   "- id: a\n  number: \"192\"\n  name: Полиција\n- id: b\n  number: \"194\"\n- id: c\n  number: \"112\"\n",
			theirs: "- id: a\n  number: \"192\"\n- id: b\n  number: \"194\"\n- id: c\n  number: \"112\"\n  name: Хитна\n",
			want:   "- id: a\n  number: \"192\"\n  name: Полиција\n- id: b\n  number: \"194\"\n- id: c\n  number: \"112\"\n  name: Хитна\n"},
		{name: "an image changed on both sides", path: "static/slike/a.png",
			base: "\x89PNG\x00a", ours: "\x89PNG\x00b", theirs: "\x89PNG\x00c",
			conflicts: []string{"text at line 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := tc.base
			if base == "" {
				base = page
			}
			m := mergeFile(tc.path, []byte(base), []byte(tc.ours), []byte(tc.theirs))
			var got []string
			for _, p := range m.parts {
				what := p.Field
				if what == "" {
					what = "text"
				}
				got = append(got, what+" at line "+strconv.Itoa(p.Line))
			}
			if strings.Join(got, ", ") != strings.Join(tc.conflicts, ", ") {
				t.Fatalf("conflicts %q, want %q", got, tc.conflicts)
			}
			if len(tc.conflicts) == 0 {
				if out := string(m.result(KeepOurs)); out != tc.want {
					t.Errorf("merged:\n%q\nwant\n%q", out, tc.want)
				}
				return
			}
			if out := string(m.result(KeepOurs)); out != tc.ours {
				t.Errorf("keeping ours gives:\n%q\nwant\n%q", out, tc.ours)
			}
			if out := string(m.result(TakeTheirs)); out != tc.theirs {
				t.Errorf("taking theirs gives:\n%q\nwant\n%q", out, tc.theirs)
			}
			if tc.both != "" {
				if out := string(m.result(KeepBoth)); out != tc.both {
					t.Errorf("keeping both gives:\n%q\nwant\n%q", out, tc.both)
				}
			}
		})
	}
}
