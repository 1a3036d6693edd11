package workflow

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"centar/internal/content"
	"centar/internal/testsite"
)

const (
	srNews = "content/sr/vesti/prva.md"
	enNews = "content/en/news/first.md"
	// The first news item, with its translation.
	srFirst = "---\ntitle: Прва вест\ndate: 2024-05-31\ntranslationKey: first\n---\nПрви текст.\n"
	enFirst = "---\ntitle: First news\ndate: 2024-05-31\ntranslationKey: first\n---\nThe first text.\n"
)

// fingerprint is the fingerprint of a page's text.
func fingerprint(t *testing.T, page string) string {
	t.Helper()
	fp, err := content.Fingerprint([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

// withTranslates is page with the line translates: fp added to its header.
func withTranslates(page, fp string) string {
	return strings.Replace(page, "\n---\n", "\ntranslates: "+fp+"\n---\n", 1)
}

// translationOf is how the folder's translation at path stands.
func (d *desk) translationOf(path string) content.Translation {
	d.t.Helper()
	site := os.DirFS(d.dir)
	m, err := content.Load(site)
	if err != nil {
		d.t.Fatal(err)
	}
	list, err := m.Translations(site)
	if err != nil {
		d.t.Fatal(err)
	}
	for _, tr := range list {
		if tr.Path == path {
			return tr
		}
	}
	d.t.Fatalf("%s is not listed as a translation: %+v", path, list)
	return content.Translation{}
}

// A translation saved with its Serbian page translates it; a change of the
// Serbian date leaves it current, a change of the Serbian text makes it
// outdated since that save, with what changed; saved again it is current.
func TestSavingATranslationRecordsTheSerbianTextItTranslates(t *testing.T) {
	_, bare := testsite.Server(t, testsite.Small)
	a := newDesk(t, "Ana", bare)
	a.write(srNews, srFirst)
	a.write(enNews, enFirst)
	a.save("Прва вест и превод")
	// Only the translation's line changed, in the folder and in the commit.
	want := withTranslates(enFirst, fingerprint(t, srFirst))
	testsite.Has(t, a.dir, map[string]string{enNews: want})
	if got, _ := testsite.File(t, a.dir, "main", enNews); got != want {
		t.Errorf("the saved translation:\n%s\nwant\n%s", got, want)
	}
	if got := a.translationOf(enNews); got.State != content.Current {
		t.Errorf("after the save: %+v", got)
	}

	a.write(srNews, strings.Replace(srFirst, "2024-05-31", "2024-06-02", 1))
	a.save("Датум")
	if got := a.translationOf(enNews); got.State != content.Current {
		t.Errorf("after a change of the Serbian date: %+v", got)
	}

	a.write(srNews, strings.Replace(srFirst, "Први текст.", "Први текст, допуњен.", 1))
	a.save("Допуна прве вести")
	a.write(srNews, strings.Replace(srFirst, "Први текст.", "Први текст, допуњен и исправљен.", 1))
	a.save("Исправка прве вести")
	tr := a.translationOf(enNews)
	if tr.State != content.Outdated {
		t.Fatalf("after a change of the Serbian text: %+v", tr)
	}
	var since SourceChange
	if err := a.with(func(r *Repo) (err error) { since, err = r.SourceChange(tr); return err }); err != nil {
		t.Fatal(err)
	}
	if !since.Known || since.Unsaved || since.Subject != "Допуна прве вести" {
		t.Errorf("since: %+v; want the save that first changed the text", since)
	}
	var diff []string
	for _, c := range since.Diff {
		diff = append(diff, map[bool]string{true: "-", false: "+"}[c.Removed]+c.Line)
	}
	if got := strings.Join(diff, "|"); got != "-Prvi tekst.|+Prvi tekst, dopunjen i ispravljen." {
		t.Errorf("the diff: %s", got)
	}

	a.write(enNews, strings.Replace(enFirst, "The first text.", "The first text, completed and corrected.", 1))
	a.save("Превод допуне")
	if got := a.translationOf(enNews); got.State != content.Current {
		t.Errorf("the translation saved again: %+v", got)
	}
}

// An editor's word that the translation still holds records the Serbian
// page as it is, and nothing else; saving sends it. A path that is no
// translation is refused.
func TestMarkCurrentRecordsTheSerbianPageAsItIs(t *testing.T) {
	_, bare := testsite.Server(t, testsite.Small)
	a := newDesk(t, "Ana", bare)
	a.write(srNews, srFirst)
	a.write(enNews, enFirst)
	a.save("Прва вест и превод")
	changed := strings.Replace(srFirst, "Први текст.", "Први, краћи текст.", 1)
	a.write(srNews, changed)
	a.save("Краће")
	err := a.with(func(r *Repo) error {
		got, err := r.MarkCurrent([]string{enNews})
		if err != nil || len(got) != 1 {
			t.Errorf("marking the translation current: %v %v", got, err)
		}
		var nt *NotTranslationError
		if _, err := r.MarkCurrent([]string{srNews}); !errors.As(err, &nt) || nt.Path != srNews {
			t.Errorf("marking a Serbian page: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	testsite.Has(t, a.dir, map[string]string{enNews: withTranslates(enFirst, fingerprint(t, changed))})
	a.save("Превод и даље важи")
	if got := a.translationOf(enNews); got.State != content.Current {
		t.Errorf("marked and saved: %+v", got)
	}
}

// A change not saved yet is said as such; a recorded version the history
// does not hold is said as unknown, without an error.
func TestSourceChangeSaysAnUnsavedOrUnknownChange(t *testing.T) {
	_, bare := testsite.Server(t, testsite.Small)
	a := newDesk(t, "Ana", bare)
	a.write(srNews, srFirst)
	a.write(enNews, enFirst)
	a.save("Прва вест и превод")
	a.write(srNews, strings.Replace(srFirst, "Први текст.", "Нов текст.", 1))
	tr := a.translationOf(enNews)
	err := a.with(func(r *Repo) error {
		since, err := r.SourceChange(tr)
		if err != nil || !since.Known || !since.Unsaved || len(since.Diff) != 2 {
			t.Errorf("an unsaved change: %+v %v", since, err)
		}
		tr.Recorded = "000000000000"
		if since, err := r.SourceChange(tr); err != nil || since.Known {
			t.Errorf("a version the history does not hold: %+v %v", since, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// In the web CMS, a draft that writes a translation records the Serbian
// page as the draft has it, and so does a publication without a draft; a
// draft of the Serbian page alone leaves the translation as it was.
func TestTheCMSRecordsTheSerbianPageADraftHas(t *testing.T) {
	files := testsite.Files("-- " + srNews + " --\n" + srFirst + "-- " + enNews + " --\n" + withTranslates(enFirst, fingerprint(t, srFirst)))
	for p, text := range testsite.Small {
		if _, ok := files[p]; !ok {
			files[p] = text
		}
	}
	_, bare := testsite.Server(t, files)
	a := newDesk(t, "Ana", bare)
	newSr := strings.Replace(srFirst, "Први текст.", "Нови текст.", 1)
	newEn := strings.Replace(enFirst, "The first text.", "The new text.", 1)
	err := a.with(func(r *Repo) error {
		res, err := r.SaveDraft("vesti/prva", []FileWrite{{Path: srNews, Data: []byte(newSr)}}, DraftOptions{Message: "Српски", Check: checkOptions})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := r.ReadFile(res.Commit, enNews); string(got) != withTranslates(enFirst, fingerprint(t, srFirst)) {
			t.Errorf("a draft of the Serbian page changed the translation:\n%s", got)
		}
		res, err = r.SaveDraft("vesti/prva", []FileWrite{{Path: enNews, Data: []byte(withTranslates(newEn, fingerprint(t, srFirst)))}}, DraftOptions{Message: "Превод", Check: checkOptions})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := r.ReadFile(res.Commit, enNews); string(got) != withTranslates(newEn, fingerprint(t, newSr)) {
			t.Errorf("the draft's translation:\n%s", got)
		}
		// Straight to the site: the Serbian page as published here.
		straight := strings.Replace(enFirst, "The first text.", "The first text, corrected.", 1)
		if _, err := r.PublishFiles(context.Background(), []FileWrite{{Path: enNews, Data: []byte(straight)}}, PublishOptions{Message: "Исправка превода", Check: checkOptions}); err != nil {
			t.Fatal(err)
		}
		main, err := r.Main()
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := r.ReadFile(main, enNews); string(got) != withTranslates(straight, fingerprint(t, srFirst)) {
			t.Errorf("the translation published straight:\n%s", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
