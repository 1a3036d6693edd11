package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"centar/internal/msg"
)

// Numbers written as the plan allows them are dialable, each of its kind;
// the example numbers are made up, in real ranges.
func TestSerbianNumbersThePlanAllows(t *testing.T) {
	for _, c := range []struct {
		number string
		kind   PhoneKind
	}{
		{"192", ShortNumber}, // police
		{"193", ShortNumber}, // fire
		{"194", ShortNumber}, // ambulance
		{"112", ShortNumber},
		{"1985", ShortNumber},   // warnings to the public
		{"1987", ShortNumber},   // help on the road
		{"19860", ShortNumber},  // five digits, as the plan allows
		{"116000", ShortNumber}, // the European line for missing children
		{"116111", ShortNumber},
		{"+381113000000", FixedNumber}, // Belgrade, 011 300 0000
		{"+381112345678", FixedNumber},
		{"+38121456789", FixedNumber},   // Novi Sad, 021 456 789
		{"+381214567890", FixedNumber},  // Novi Sad, seven digits
		{"+38118523456", FixedNumber},   // Niš
		{"+38134335000", FixedNumber},   // Kragujevac
		{"+38123021345", FixedNumber},   // Kikinda, 0230 21 345
		{"+381230412345", FixedNumber},  // Kikinda, six digits
		{"+38110321000", FixedNumber},   // Pirot
		{"+381641234567", MobileNumber}, // 064 123 4567
		{"+38163123456", MobileNumber},  // 063 123 456
		{"+381601234567", MobileNumber},
		{"+381691234567", MobileNumber},
		{"+3816771234567", MobileNumber}, // 0677, ten digits
		{"+381800100600", FreeNumber},    // 0800 100 600
		{"+381800123", FreeNumber},
		{"+381900123456", ServiceNumber},
		{"+381700123456", ServiceNumber},
		{"+4930123456", ForeignNumber},      // Berlin
		{"+442071234567", ForeignNumber},    // London
		{"+38220123456", ForeignNumber},     // Montenegro
		{"+38338123456", ForeignNumber},     // Kosovo
		{"+12025550123", ForeignNumber},     // Washington
		{"+6831234", ForeignNumber},         // Niue: seven digits in all
		{"+123456789012345", ForeignNumber}, // fifteen digits, E.164's most
	} {
		p, pp := ReadPhone(c.number)
		if pp != nil {
			t.Errorf("%s: %s", c.number, pp.Say(msg.Printer(msg.English), "x", c.number))
			continue
		}
		if p.Kind != c.kind {
			t.Errorf("%s is of kind %d, want %d", c.number, p.Kind, c.kind)
		}
		if !Dialable(c.number) {
			t.Errorf("%s is not dialable", c.number)
		}
	}
}

// Numbers the plan does not allow are refused, saying what is wrong and,
// where it can be made out, how to write the number.
func TestNumbersThePlanRefusesSayHowToWriteThem(t *testing.T) {
	en := msg.Printer(msg.English)
	for _, c := range []struct {
		number, says string
	}{
		// The test that started it: police 192 typed as a Belgrade number.
		{"+381011300000", `x: "+381011300000": after +381 leave out the leading 0 of the area code: +38111300000`},
		{"+3810113", `after +381 leave out the leading 0 of the area code, and check its digits against the source`},
		{"+3810113000000", `x: "+3810113000000": after +381 leave out the leading 0 of the area code: +381113000000`},
		{"+381 11 300 0000", `write the number in digits only, with no spaces, dashes or brackets: +381113000000`},
		{"011 300 0000", `write the number in digits only, with no spaces, dashes or brackets: +381113000000`},
		{"011/300-0000", `digits only, with no spaces, dashes or brackets: +381113000000`},
		{"(011) 300 0000", `digits only, with no spaces, dashes or brackets: +381113000000`},
		{"0113000000", `write a Serbian number with +381 in place of its leading 0: +381113000000`},
		{"0641234567", `write a Serbian number with +381 in place of its leading 0: +381641234567`},
		{"0800100600", `+381 in place of its leading 0: +381800100600`},
		{"011300", `write a Serbian number with +381 in place of its leading 0, and check its digits against the source`},
		{"00381113000000", `write + in place of the 00: +381113000000`},
		{"00381011300000", `write + in place of the 00: +38111300000`},
		{"92", `"92" is not a short number: short numbers begin with 1`},
		{"911", `"911" is not a short number`},
		{"1234567", `"1234567" is not a short number`},
		{"1160000", `is not a short number`},
		{"+381413000000", `no Serbian number begins with +381 41`},
		{"+381500000000", `no Serbian number begins with +381 50`},
		{"+381850000000", `no Serbian number begins with +381 85`},
		{"+38111300", `"+38111300" has 5 digits after +381, where a number beginning with +381 11 has 7 to 12`},
		{"+3811130000000000", `has 13 digits after +381, where a number beginning with +381 11 has 7 to 12`},
		{"+3816412345", `has 7 digits after +381, where a number beginning with +381 64 has 8 to 9`},
		{"+3816412345678", `has 10 digits after +381, where a number beginning with +381 64 has 8 to 9`},
		{"+38167712345", `where a number beginning with +381 67 has 9 to 10`},
		{"+38180012", `where a number beginning with +381 800 has 6 to 12`},
		{"+38121012345", `no number in the area 021 begins with 0 or 1 after the area code`},
		{"+38121123456", `no number in the area 021 begins with 0 or 1 after the area code`},
		{"+381230012345", `no number in the area 0230 begins with 0 or 1`},
		{"+1234", `"+1234" is not a whole international number`},
		{"+0123456789", `is not a whole international number`},
		{"+1234567890123456", `is not a whole international number`},
		{"+381", `is not a whole international number`},
		{"++381113000000", `write the number in digits only, with no spaces, dashes or brackets, e.g.`},
		{"tel:192", `write the number in digits only`},
	} {
		if Dialable(c.number) {
			t.Errorf("%s is dialable", c.number)
			continue
		}
		_, pp := ReadPhone(c.number)
		if got := pp.Say(en, "x", c.number); !strings.Contains(got, c.says) {
			t.Errorf("%s: %s\nwant …%s…", c.number, got, c.says)
		}
	}
}

// The count of digits is said in Serbian as Serbian counts: 4 cifre,
// 5 cifara.
func TestTheDigitsAreCountedInSerbian(t *testing.T) {
	sr := msg.Printer(msg.Serbian)
	for number, says := range map[string]string{
		"+3816012": "ima 4 cifre posle +381", "+38160123": "ima 5 cifara posle +381", "+38111300": "ima 5 cifara posle +381",
		"+3811130000": "ima 7 cifara posle +381; fiksni",
	} {
		_, pp := ReadPhone(number)
		if got := pp.Say(sr, "policija", number); !strings.Contains(got, says) {
			t.Errorf("%s: %s\nwant …%s…", number, got, says)
		}
	}
}

// A fixed number the open plan allows, but of a length no number in use
// has, is let through with a warning, to be checked against its source.
func TestAFixedNumberOfAnUnusualLengthIsAWarning(t *testing.T) {
	for _, number := range []string{"+3811130000", "+38111300000000"} {
		p, pp := ReadPhone(number)
		if pp == nil || !pp.Warning() || p.Kind != FixedNumber || !Dialable(number) {
			t.Errorf("%s: %+v %+v; want a dialable fixed number and a warning", number, p, pp)
			continue
		}
		if got := pp.Say(msg.Printer(msg.English), "x", number); !strings.Contains(got, "fixed numbers in use have 8 or 9") {
			t.Errorf("%s: %s", number, got)
		}
	}
	for _, number := range []string{"+381113000000", "+38121456789", "+381641234567", "+381800123"} {
		if _, pp := ReadPhone(number); pp != nil {
			t.Errorf("%s: %+v", number, pp)
		}
	}
}

// The number shown is made from the number dialled, as Serbians write it.
func TestNumbersAreShownAsSerbiansWriteThem(t *testing.T) {
	for number, want := range map[string]string{
		"192":             "192",
		"1987":            "1987",
		"116000":          "116000",
		"+381113000000":   "011 300 0000",
		"+381112345678":   "011 234 5678",
		"+38121456789":    "021 456 789",
		"+381214567890":   "021 456 7890",
		"+38118523456":    "018 523 456",
		"+38134335000":    "034 335 000",
		"+38123021345":    "0230 21 345",
		"+381230412345":   "0230 412 345",
		"+381641234567":   "064 123 4567",
		"+38163123456":    "063 123 456",
		"+3816771234567":  "067 7123 4567",
		"+381800100600":   "0800 100 600",
		"+3818001234567":  "0800 123 4567",
		"+381800123":      "0800 123",
		"+381900123456":   "0900 123 456",
		"+38111300000000": "011 300 000 000",
		"+3811130000":     "011 30 000",
		"+442071234567":   "+442071234567",
		"+381011300000":   "+381011300000", // not dialable: shown as written, and the check refuses it
		"011 300 0000":    "011 300 0000",
	} {
		if got := DisplayPhone(number); got != want {
			t.Errorf("DisplayPhone(%q) = %q, want %q", number, got, want)
		}
	}
}

// The help lines' check applies the plan: the number's line is named, the
// message says how to write it, in the editor's language; a number of an
// unusual length is a warning, not an error.
func TestTheHotlinesCheckAppliesThePlan(t *testing.T) {
	site := fstest.MapFS{HotlinesFile: {Data: []byte("# Телефони\n- id: policija\n  number: \"+381011300000\"\n  source: https://primer.rs\n  verified: 2024-05-31\n" +
		"- id: sos\n  number: \"+3811130000\"\n  source: https://primer.rs\n  verified: 2024-05-31\n")}}
	warnings, err := CheckHotlines(msg.Printer(msg.Serbian), site, true)
	if err == nil || !strings.Contains(err.Error(), "data/hotlines.yaml:3: policija: \"+381011300000\": posle +381 izostavite početnu 0 pozivnog broja") {
		t.Errorf("+3810… must fail at its line, in Serbian: %v", err)
	}
	if len(warnings) != 1 || warnings[0].Line != 7 || !strings.Contains(warnings[0].Message, "sos") {
		t.Errorf("want one warning for the number of an unusual length: %v", warnings)
	}
}
