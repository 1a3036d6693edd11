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
