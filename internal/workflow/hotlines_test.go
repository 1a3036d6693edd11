package workflow

import (
	"context"
	"errors"
	"strings"
	"testing"

	"centar/internal/check"
	"centar/internal/content"
	"centar/internal/testsite"
)

// The help lines as the small site has them, the Centre's number changed
// and its date left as it was, and then verified again.
var (
	verifiedHotlines = testsite.Small[content.HotlinesFile]
	changedNumber    = strings.Replace(verifiedHotlines, "+381113000000", "+381113000001", 1)
	clearedDate      = strings.Replace(changedNumber, `verified: "2026-01-15"`, `verified: ""`, 1)
	verifiedAgain    = strings.Replace(changedNumber, "2026-01-15", "2026-03-02", 1)
)

// cleared reports whether findings say that the Centre's date was cleared.
func cleared(findings []check.Finding) bool {
	for _, f := range findings {
		if f.Path == content.HotlinesFile && f.Severity == check.Warning && strings.Contains(f.Message, "centar: the number changed from +381113000000 to +381113000001") {
			return true
		}
	}
	return false
}

// From the folder: a publish of a changed number, its date left, is
// refused for production and leaves the date cleared in the folder, the
// server's number as it was; saved, the commit has no date; verified
// again, it is published with its new date and its source.
func TestAChangedNumberLosesItsVerificationInTheFolder(t *testing.T) {
	_, bare := testsite.Server(t, testsite.Small)
	a := newDesk(t, "Ana", bare)
	a.write(content.HotlinesFile, changedNumber)

	res, err := a.publish("Нови број Центра")
	var cerr *CheckError
	if !errors.As(err, &cerr) || !cleared(res.Findings) {
		t.Fatalf("publish: %v, findings %v; want the check to refuse it, saying the date was cleared", err, res.Findings)
	}
	testsite.Has(t, a.dir, map[string]string{content.HotlinesFile: clearedDate})
	testsite.BranchHas(t, bare, map[string]string{content.HotlinesFile: verifiedHotlines})

	// Saved, the file is saved as the folder now has it.
	a.write(content.HotlinesFile, changedNumber) // the old date typed back in
	var saved *SaveResult
	if err := a.with(func(r *Repo) (err error) {
		saved, err = r.SaveAll(SaveOptions{Message: "Нови број", Check: checkOptions})
		return err
	}); err != nil || !cleared(saved.Findings) {
		t.Fatalf("save: %v %v", err, saved.Findings)
	}
	if got, _ := testsite.File(t, a.dir, "main", content.HotlinesFile); got != clearedDate {
		t.Errorf("the saved help lines:\n%s", got)
	}
	testsite.Has(t, a.dir, map[string]string{content.HotlinesFile: clearedDate})
	if err := a.with(func(r *Repo) error {
		unsaved, err := r.Unsaved()
		if len(unsaved) != 0 {
			t.Errorf("after the save, unsaved: %v", unsaved)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}

	a.write(content.HotlinesFile, verifiedAgain)
	res, err = a.publish("Нови број Центра, проверен")
	if err != nil || cleared(res.Findings) {
		t.Fatalf("publishing the number verified again: %v %v", err, res.Findings)
	}
	testsite.BranchHas(t, bare, map[string]string{content.HotlinesFile: verifiedAgain})
}

// From the web CMS: a draft of a changed number is saved without its date,
// and its publication refused until it is verified again; a number
// published straight (PublishFiles) is refused alike. The editor's folder
// is never touched.
func TestAChangedNumberLosesItsVerificationInTheCMS(t *testing.T) {
	_, bare := testsite.Server(t, testsite.Small)
	a := newDesk(t, "Ana", bare)
	write := []FileWrite{{Path: content.HotlinesFile, Data: []byte(changedNumber)}}
	err := a.with(func(r *Repo) error {
		res, err := r.SaveDraft("podaci/telefoni", write, DraftOptions{Message: "Нови број", Check: checkOptions})
		if err != nil || !cleared(res.Findings) {
			t.Fatalf("saving the draft: %v %v", err, res.Findings)
		}
		if got, err := r.ReadFile(res.Commit, content.HotlinesFile); err != nil || string(got) != clearedDate {
			t.Errorf("the draft's help lines: %v\n%s", err, got)
		}
		pub, err := r.PublishDraft(context.Background(), "podaci/telefoni", PublishOptions{Check: checkOptions})
		var cerr *CheckError
		if !errors.As(err, &cerr) {
			t.Errorf("publishing the draft of an unverified number: %v %v", err, pub.Findings)
		}
		pub, err = r.PublishFiles(context.Background(), write, PublishOptions{Message: "Нови број", Check: checkOptions})
		if !errors.As(err, &cerr) || !cleared(pub.Findings) {
			t.Errorf("publishing a changed number straight: %v %v", err, pub.Findings)
		}
		// Verified again in the draft, it is published with its date.
		again := []FileWrite{{Path: content.HotlinesFile, Data: []byte(verifiedAgain)}}
		if res, err := r.SaveDraft("podaci/telefoni", again, DraftOptions{Message: "Проверен", Check: checkOptions}); err != nil || cleared(res.Findings) {
			t.Errorf("saving the verified number: %v %v", err, res.Findings)
		}
		if _, err := r.PublishDraft(context.Background(), "podaci/telefoni", PublishOptions{Check: checkOptions}); err != nil {
			t.Errorf("publishing the verified number: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	testsite.BranchHas(t, bare, map[string]string{content.HotlinesFile: verifiedAgain})
}
