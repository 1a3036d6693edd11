package cms

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"centar/internal/content"
	"centar/internal/msg"
	"centar/internal/testsite"
)

// telefoni is a save of the help lines as Decap sends it from the form.
func telefoni(raw string) map[string]any {
	return map[string]any{
		"dataFiles": []map[string]any{{"slug": "telefoni", "path": content.HotlinesFile, "raw": raw}},
		"assets":    []any{},
		"options":   map[string]any{"collectionName": "podaci", "commitMessage": "Телефони", "useWorkflow": true, "status": "draft"},
	}
}

// The form applies the numbering plan as the command line's check does: a
// help line written with a 0 after +381 is refused on save, at the help
// lines, in the check's own words, and nothing is written.
func TestAHelpLineThePlanRefusesIsNotSaved(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	before, folder := refs(t, dir), snapshot(t, dir)
	const number = "+381011300000"
	code, out := call(t, h, "persistEntry", telefoni("stavke:\n  - id: centar\n    name: Центар\n    number: \""+number+"\"\n    source: https://example.org/kontakt\n    verified: \"2026-01-15\"\n"))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("%d %s", code, out)
	}
	var refused struct{ Findings []findingJSON }
	if err := json.Unmarshal(out, &refused); err != nil {
		t.Fatal(err)
	}
	// What the command line's check says of the same number.
	list := "- id: centar\n  name: Центар\n  number: \"" + number + "\"\n  source: https://example.org/kontakt\n  verified: \"2026-01-15\"\n"
	_, err := content.CheckHotlines(msg.Printer(msg.English), fstest.MapFS{content.HotlinesFile: {Data: []byte(list)}}, false)
	var cli content.Findings
	if fs, ok := err.(content.Findings); ok {
		cli = fs
	}
	if len(cli) != 1 || !strings.Contains(cli[0].Message, "after +381 leave out the leading 0 of the area code: +38111300000") {
		t.Fatalf("the command line's check says %v", err)
	}
	// The error first; the warning that its date was cleared follows.
	if len(refused.Findings) != 2 || refused.Findings[1].Severity != "warning" || refused.Findings[0].Severity != "error" || refused.Findings[0].Field != "number" ||
		!strings.HasPrefix(refused.Findings[0].Label, "Телефони за помоћ — Број за позив") || refused.Findings[0].Message != cli[0].Message {
		t.Errorf("the form says %+v; want the command line's words, %q, at the help lines", refused.Findings, cli[0].Message)
	}
	if after := refs(t, dir); after != before {
		t.Errorf("a refused save wrote a draft:\n%s", after)
	}
	sameSnapshot(t, folder, snapshot(t, dir))
}

// A number changed in the form, its date of verification left, is saved
// without the date, which the editor is told; publishing it is refused
// until it is verified again, and the published help lines stay.
func TestAChangedHelpLineIsPublishedOnlyVerifiedAgain(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	published, _ := mainFile(t, dir, content.HotlinesFile)
	changed := "stavke:\n  - id: centar\n    name: Центар\n    number: \"+381113000001\"\n    source: \"https://example.org/kontakt\"\n    verified: \"2026-01-15\"\n"
	out := must(t, h, "persistEntry", telefoni(changed))
	if !strings.Contains(string(out), "centar: the number changed from +381113000000 to +381113000001, so its date of verification was cleared") {
		t.Errorf("the save does not say the date was cleared: %s", out)
	}
	var df struct{ Data string }
	json.Unmarshal(must(t, h, "unpublishedEntryDataFile", map[string]any{"collection": "podaci", "slug": "telefoni", "path": content.HotlinesFile, "id": ""}), &df)
	if !strings.Contains(df.Data, "+381113000001") || !strings.Contains(df.Data, `verified: ""`) || strings.Contains(df.Data, "2026-01-15") {
		t.Errorf("the draft's help lines:\n%s", df.Data)
	}
	code, refused := call(t, h, "publishUnpublishedEntry", map[string]any{"collection": "podaci", "slug": "telefoni"})
	if code == http.StatusOK || !strings.Contains(string(refused), "the number is not verified") {
		t.Errorf("publishing the unverified number: %d %s", code, refused)
	}
	if got, _ := mainFile(t, dir, content.HotlinesFile); got != published {
		t.Errorf("the published help lines changed:\n%s", got)
	}

	must(t, h, "persistEntry", telefoni(strings.Replace(changed, "2026-01-15", "2026-03-02", 1)))
	must(t, h, "publishUnpublishedEntry", map[string]any{"collection": "podaci", "slug": "telefoni"})
	if got, _ := mainFile(t, dir, content.HotlinesFile); !strings.Contains(got, "+381113000001") || !strings.Contains(got, `verified: "2026-03-02"`) {
		t.Errorf("the help lines verified again, as published:\n%s", got)
	}
}

// A help line saved twice in one draft holds the second number, and its
// date, kept the first time, is cleared the second.
func TestAHelpLineSavedTwiceHoldsTheSecond(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	record := func(number, verified string) string {
		return "stavke:\n  - id: centar\n    name: Центар\n    number: \"" + number + "\"\n    source: \"https://example.org/kontakt\"\n    verified: \"" + verified + "\"\n"
	}
	must(t, h, "persistEntry", telefoni(record("+381113000001", "2026-05-30")))
	must(t, h, "persistEntry", telefoni(record("+381113000002", "2026-05-30")))
	var df struct{ Data string }
	json.Unmarshal(must(t, h, "unpublishedEntryDataFile", map[string]any{"collection": "podaci", "slug": "telefoni", "path": content.HotlinesFile, "id": ""}), &df)
	if !strings.Contains(df.Data, "+381113000002") || strings.Contains(df.Data, "2026-05-30") {
		t.Errorf("the draft's help lines after the second save:\n%s", df.Data)
	}
}

// A help line saved from the form keeps its fields in the form's order,
// as the file lists them, not the alphabet's.
func TestAHelpLineKeepsItsFieldsInOrder(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	must(t, h, "persistEntry", telefoni("stavke:\n  - id: centar\n    name: Центар\n    number: \"+381113000000\"\n    hours: 0–24\n    cost: бесплатно\n    source: \"https://example.org/kontakt\"\n    verified: \"2026-01-15\"\n"))
	got, _ := testsite.File(t, dir, "cms/podaci/telefoni", content.HotlinesFile)
	if !strings.Contains(got, "- id: centar\n  name: Центар\n  number: \"+381113000000\"\n  hours: 0–24\n  cost: бесплатно\n") {
		t.Errorf("the fields are not in the form's order:\n%s", got)
	}
}
