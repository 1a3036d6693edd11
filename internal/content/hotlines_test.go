package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"centar/internal/msg"
)

func TestHotlineChecks(t *testing.T) {
	site := fstest.MapFS{HotlinesFile: {Data: []byte("- id: ok\n  number: \"+381111234567\"\n  source: https://primer.rs\n  verified: 2024-05-31\n" +
		"- id: neprovereno\n  number: \"192\"\n" +
		"- id: los\n  number: \"011 123\"\n")}}
	serbian := msg.Printer(msg.Serbian)
	warnings, err := CheckHotlines(serbian, site, false)
	if err == nil || !strings.Contains(err.Error(), "data/hotlines.yaml:8: los") {
		t.Errorf("a malformed number must always fail, naming the number's line: %v", err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0].String(), "neprovereno") {
		t.Errorf("development: want one warning for the unverified number, got %v", warnings)
	}
	_, err = CheckHotlines(serbian, site, true)
	if err == nil || !strings.Contains(err.Error(), "neprovereno") || strings.Contains(err.Error(), ": ok ") || !strings.Contains(err.Error(), "broj nije proveren") {
		t.Errorf("production must refuse the unverified number only: %v", err)
	}
	_, err = CheckHotlines(msg.Printer(msg.English), site, true)
	if err == nil || !strings.Contains(err.Error(), "neprovereno") || !strings.Contains(err.Error(), "the number is not verified") || strings.Contains(err.Error(), "broj") {
		t.Errorf("in English, the problems must be said in English: %v", err)
	}
	if _, err := CheckHotlines(serbian, fstest.MapFS{}, false); err == nil || !strings.Contains(err.Error(), HotlinesFile) {
		t.Errorf("a missing file of help lines: %v", err)
	}
}

// A number changed while its date of verification stayed loses the date:
// the date was for the old number. Only that value changes, in its quotes:
// comments, order, the source and every other entry stay byte for byte.
func TestAChangedNumberLosesItsVerification(t *testing.T) {
	was := "# Телефони за помоћ.\n" +
		"- id: centar   # the Centre's own line\n" +
		"  name: \"Центар\"\n" +
		"  number: \"+381113000000\"\n" +
		"  source: \"https://example.org/kontakt\"\n" +
		"  verified: \"2026-01-15\" # checked by phone\n" +
		"\n" +
		"# SOS, free of charge.\n" +
		"- id: sos\n" +
		"  number: '+381800100600'\n" +
		"  verified: '2026-02-01'\n" +
		"  source: https://example.org/sos\n" +
		"- id: policija\n" +
		"  number: \"192\"\n" +
		"  verified: 2025-12-01\n" +
		"  source: https://example.org/mup\n" +
		"- {id: mobilni, number: \"+381641234567\", verified: 2025-11-01, source: x}\n"
	now := strings.NewReplacer(
		"+381113000000", "+381113000001", // changed, date left: cleared
		"+381800100600", "+381800100601", // changed, date left, single quotes: cleared
		"+381641234567", "+381641234568", // changed in a flow mapping: cleared
	).Replace(was)
	now = strings.Replace(now, "  name: \"Центар\"\n", "  name: \"Центар\"\n  hours: \"0–24\"\n", 1) // a line added above
	want := strings.NewReplacer(
		"  verified: \"2026-01-15\" # checked by phone\n", "  verified: \"\" # checked by phone\n",
		"  verified: '2026-02-01'\n", "  verified: ''\n",
		"verified: 2025-11-01,", "verified: \"\",",
	).Replace(now)
	got, said, err := ClearVerifications(msg.Printer(msg.English), []byte(was), []byte(now))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(said) != 3 || said[0].Severity != Warning || said[0].Line != 7 ||
		!strings.Contains(said[0].Message, "centar: the number changed from +381113000000 to +381113000001, so its date of verification was cleared") {
		t.Errorf("what it says: %v", said)
	}
	// The saved file, checked for production, is refused until the new
	// number is verified.
	_, err = CheckHotlines(msg.Printer(msg.English), fstest.MapFS{HotlinesFile: {Data: got}}, true)
	if err == nil || !strings.Contains(err.Error(), "centar (011 300 0001): the number is not verified") {
		t.Errorf("production after the change: %v", err)
	}
	// Saved again, nothing more changes; a number verified anew with its
	// change keeps its date.
	if again, said, err := ClearVerifications(msg.Printer(msg.English), []byte(was), got); err != nil || string(again) != string(got) || len(said) != 0 {
		t.Errorf("saved again: %v %v\n%s", said, err, again)
	}
	reverified := strings.Replace(now, "2026-01-15", "2026-03-01", 1)
	if out, said, err := ClearVerifications(msg.Printer(msg.English), []byte(was), []byte(reverified)); err != nil || strings.Contains(string(out), "2026-03-01") == false || len(said) != 2 {
		t.Errorf("verified with its change: %v %v\n%s", said, err, out)
	}
}

// Nothing is cleared where there is nothing to compare: a new entry, an
// unchanged number, a number never verified, a file that does not read.
func TestVerificationsStayWhereNoNumberChanged(t *testing.T) {
	was := "- id: a\n  number: \"192\"\n  verified: 2025-01-01\n"
	for name, now := range map[string]string{
		"unchanged":       was,
		"another field":   "- id: a\n  number: \"192\"\n  verified: 2025-01-01\n  hours: \"0–24\"\n",
		"a new entry":     was + "- id: b\n  number: \"193\"\n  verified: 2025-01-01\n",
		"never verified":  "- id: a\n  number: \"194\"\n",
		"cleared already": "- id: a\n  number: \"194\"\n  verified: \"\"\n",
		"not a list":      "a: [",
	} {
		got, said, err := ClearVerifications(msg.Printer(msg.English), []byte(was), []byte(now))
		if err != nil || string(got) != now || len(said) != 0 {
			t.Errorf("%s: %v %v\n%s", name, said, err, got)
		}
	}
	if got, _, err := ClearVerifications(msg.Printer(msg.English), nil, []byte(was)); err != nil || string(got) != was {
		t.Errorf("no version before: %v\n%s", err, got)
	}
}

// A file of CR LF lines is edited in place too.
func TestAChangedNumberLosesItsVerificationInCRLF(t *testing.T) {
	was := "# Ћ\r\n- id: a\r\n  number: \"+381113000000\"\r\n  verified: 2025-01-01\r\n"
	now := strings.Replace(was, "000\"", "001\"", 1)
	got, _, err := ClearVerifications(msg.Printer(msg.English), []byte(was), []byte(now))
	if want := strings.Replace(now, "2025-01-01", `""`, 1); err != nil || string(got) != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}
