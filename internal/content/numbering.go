package content

import (
	"strings"

	"golang.org/x/text/message"
)

// The Serbian numbering plan, as far as a help line needs it: which numbers
// can be dialled, and how Serbians write them.
//
// Where the rules come from:
//
//   - RATEL's Plan numeracije ("Službeni glasnik RS" 32/2011, amended 35/2012,
//     64/2013, 60/2016), as announced to the ITU on 26 May 2011
//     (https://www.itu.int/oth/T02020000B9/en; English text at
//     https://docslib.org/doc/7639621/serbia-country-code-381): an open plan,
//     a national (significant) number after +381 or the trunk 0, E.164's 15
//     digits at most in all.
//   - Its ranges and lengths as libphonenumber tabulates them from that
//     document and RATEL's register (http://registar.ratel.rs/en/reg202):
//     github.com/google/libphonenumber resources/metadata/381/ranges.csv and
//     comments.csv. Geographic numbers: trunk codes 10 to 39 of two digits,
//     but 230, 280, 290 and 390 of three; 7 to 12 digits after +381; the
//     subscriber number begins with 2 to 9 (in Belgrade, 11, also with 1).
//     Mobile 60 to 66, 68 and 69: 8 or 9 digits; 67x: 9 or 10. Free calls
//     800: 6 to 12. Premium rate 78 and 90[0169]: 6 to 10. Other
//     non-geographic services 70 and 76: 6 to 12.
//   - Short codes: the 2011 plan makes them begin with 1 and have 3 to 5
//     digits, exceptionally 6 (the harmonised European 116xxx, such as
//     116000 for missing children): police 192, fire 193, ambulance 194,
//     112, 1985, 1987, 19860 (https://bif.rs/2012/01/menjaju-se-brojevi-policije-vatrogasnih-i-ostalih-hitnih-sluzbi-4/,
//     https://www.diabeta.net/2012/novi-brojevi-hitne-intervencije, from
//     Tanjug; RATEL on 116000: https://rkp.rs/ratel-javni-poziv-za-dodelu-kratkog-koda-116000/).
//   - The plan is open, so a fixed number may have 7 to 12 digits (a
//     switchboard's extension dialled through); the numbers in use have a
//     code of 2 or 3 digits and 6 or 7 of the subscriber's
//     (https://wikimili.com/en/Telephone_numbers_in_Serbia): a fixed help
//     line of another length is let through with a warning, to be checked
//     against its source.
//
// RATEL replaced the plan in 2025 ("Službeni glasnik RS" 44/2025); the
// ranges above are those of the 2011 plan, which the ITU and libphonenumber
// carry.

// PhoneKind is what kind of number a help line is.
type PhoneKind int

const (
	ShortNumber   PhoneKind = iota + 1 // 192, 1987, 116000: dialled as is
	FixedNumber                        // a geographic number: 011 123 4567
	MobileNumber                       // 064 123 4567
	FreeNumber                         // 0800 123 456
	ServiceNumber                      // premium rate and other non-geographic numbers
	ForeignNumber                      // another country's, by E.164's general rule
)

// A Phone is a number read by the plan.
type Phone struct {
	Kind PhoneKind
	// Code is a Serbian number's national destination code, without the
	// trunk 0: 11, 230, 64, 800. Subscriber is the rest.
	Code, Subscriber string
}

// A PhoneFault is what keeps a number from being dialled.
type PhoneFault int

const (
	notDigits        PhoneFault = iota + 1 // spaces, dashes, brackets
	trunkZero                              // 011…: a Serbian number written with its 0
	doubleZero                             // 00381…: + written as 00
	zeroAfterPlus381                       // +381 011…
	notShort                               // digits without +, not a short code
	unknownCode                            // +381 and a code the plan does not have
	wrongLength                            // too few or too many digits for the code
	subscriberStart                        // a subscriber number beginning with 0 or 1
	notE164                                // a foreign number beyond E.164's lengths
	unusualLength                          // a fixed number the plan allows, of a length not in use: a warning
)

// A PhoneProblem says what is wrong with a number as written and, where it
// can be made out, how to write it.
type PhoneProblem struct {
	Fault PhoneFault
	// Want is the number as it should be written; "" when it cannot be
	// made out.
	Want string
	// Code, Digits, Min and Max: the code a wrong length or a wrong start
	// is about, the digits after +381 and how many the code allows.
	Code             string
	Digits, Min, Max int
}

// Warning reports whether the problem only asks for a second look: the
// number can be dialled.
func (pp *PhoneProblem) Warning() bool { return pp.Fault == unusualLength }

// threeDigitCodes are the geographic trunk codes of three digits; every
// other geographic code, 10 to 39, has two.
var threeDigitCodes = map[string]bool{"230": true, "280": true, "290": true, "390": true}

// serbian is a Serbian national number's class by its first digits: the
// length of its code and how many digits it has after +381.
type serbian struct {
	kind             PhoneKind
	code             int // digits of the national destination code
	min, max         int // digits after +381, by the plan
	usedMin, usedMax int // the lengths in use, for fixed numbers; 0 for others
}

// classify finds the class of the national number nsn (digits after +381),
// false when the plan has none that begins so.
func classify(nsn string) (serbian, bool) {
	switch {
	case len(nsn) < 2:
		return serbian{}, false
	case nsn[0] >= '1' && nsn[0] <= '3':
		if len(nsn) >= 3 && threeDigitCodes[nsn[:3]] {
			return serbian{kind: FixedNumber, code: 3, min: 7, max: 12, usedMin: 8, usedMax: 9}, true
		}
		return serbian{kind: FixedNumber, code: 2, min: 7, max: 12, usedMin: 8, usedMax: 9}, true
	case nsn[0] == '6' && nsn[1] == '7':
		return serbian{kind: MobileNumber, code: 2, min: 9, max: 10}, true
	case nsn[0] == '6':
		return serbian{kind: MobileNumber, code: 2, min: 8, max: 9}, true
	case strings.HasPrefix(nsn, "800"):
		return serbian{kind: FreeNumber, code: 3, min: 6, max: 12}, true
	case strings.HasPrefix(nsn, "78"), len(nsn) >= 3 && nsn[:2] == "90" && strings.ContainsRune("0169", rune(nsn[2])):
		return serbian{kind: ServiceNumber, code: 3, min: 6, max: 10}, true
	case strings.HasPrefix(nsn, "70"), strings.HasPrefix(nsn, "76"):
		return serbian{kind: ServiceNumber, code: 3, min: 6, max: 12}, true
	}
	return serbian{}, false
}

// isShortCode reports whether digits is a short code of the plan: a 1 and 2
// to 4 more digits, or the harmonised European 116xxx.
func isShortCode(digits string) bool {
	n := len(digits)
	return digits[0] == '1' && (n >= 3 && n <= 5 || n == 6 && strings.HasPrefix(digits, "116"))
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ReadPhone reads number, as the number field of a help line holds it
// (+381… or another country's E.164 number, digits only, or a short code),
// by the plan. A problem that is only a warning comes with the Phone.
func ReadPhone(number string) (Phone, *PhoneProblem) {
	if !allDigits(strings.TrimPrefix(number, "+")) {
		// Written as people write numbers: the digits, read again, say
		// what it should be.
		clean := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == '+' {
				return r
			}
			return -1
		}, number)
		if strings.Count(clean, "+") > 1 || strings.LastIndexByte(clean, '+') > 0 || strings.Trim(clean, "+") == "" {
			return Phone{}, &PhoneProblem{Fault: notDigits}
		}
		if _, pp := ReadPhone(clean); pp != nil && !pp.Warning() {
			if pp.Want == "" && pp.Fault != notShort {
				return Phone{}, pp
			}
			return Phone{}, &PhoneProblem{Fault: notDigits, Want: pp.Want}
		}
		return Phone{}, &PhoneProblem{Fault: notDigits, Want: clean}
	}
	if !strings.HasPrefix(number, "+") {
		switch {
		case strings.HasPrefix(number, "00"):
			want := "+" + number[2:]
			if _, pp := ReadPhone(want); pp != nil && pp.Want != "" {
				want = pp.Want
			}
			return Phone{}, &PhoneProblem{Fault: doubleZero, Want: want}
		case strings.HasPrefix(number, "0"):
			want := "+381" + number[1:]
			if _, pp := ReadPhone(want); pp != nil && !pp.Warning() {
				want = ""
			}
			return Phone{}, &PhoneProblem{Fault: trunkZero, Want: want}
		case isShortCode(number):
			return Phone{Kind: ShortNumber, Subscriber: number}, nil
		}
		return Phone{}, &PhoneProblem{Fault: notShort}
	}
	digits := number[1:]
	if !strings.HasPrefix(digits, "381") {
		if digits[0] == '0' || len(digits) < 7 || len(digits) > 15 {
			return Phone{}, &PhoneProblem{Fault: notE164}
		}
		return Phone{Kind: ForeignNumber, Subscriber: digits}, nil
	}
	nsn := digits[3:]
	if len(nsn) < 2 {
		return Phone{}, &PhoneProblem{Fault: notE164}
	}
	if strings.HasPrefix(nsn, "0") {
		want := "+381" + strings.TrimLeft(nsn, "0")
		if _, pp := ReadPhone(want); pp != nil && !pp.Warning() {
			want = ""
		}
		return Phone{}, &PhoneProblem{Fault: zeroAfterPlus381, Want: want}
	}
	c, ok := classify(nsn)
	if !ok {
		return Phone{}, &PhoneProblem{Fault: unknownCode, Code: nsn[:2]}
	}
	code := nsn[:min(c.code, len(nsn))]
	if len(nsn) < c.min || len(nsn) > c.max {
		return Phone{}, &PhoneProblem{Fault: wrongLength, Code: code, Digits: len(nsn), Min: c.min, Max: c.max}
	}
	p := Phone{Kind: c.kind, Code: code, Subscriber: nsn[c.code:]}
	if c.kind == FixedNumber {
		if first := p.Subscriber[0]; first == '0' || first == '1' && code != "11" {
			return Phone{}, &PhoneProblem{Fault: subscriberStart, Code: code}
		}
		if len(nsn) < c.usedMin || len(nsn) > c.usedMax {
			return p, &PhoneProblem{Fault: unusualLength, Code: code, Digits: len(nsn), Min: c.usedMin, Max: c.usedMax}
		}
	}
	return p, nil
}

// Dialable reports whether readers can dial number from a link: the plan
// allows it (a warning about its length aside).
func Dialable(number string) bool {
	_, pp := ReadPhone(number)
	return pp == nil || pp.Warning()
}

// DisplayPhone is number as Serbians write it: a short code as it is, a
// Serbian number with its trunk 0 and its code apart (011 123 4567,
// 021 123 456, 0230 12 345, 064 123 4567, 0800 123 456), another country's
// as E.164 writes it. A number that cannot be dialled is shown as written.
func DisplayPhone(number string) string {
	p, pp := ReadPhone(number)
	switch {
	case pp != nil && !pp.Warning():
		return number
	case p.Kind == ShortNumber:
		return p.Subscriber
	case p.Kind == ForeignNumber:
		return number
	}
	return "0" + p.Code + " " + groupDigits(p.Subscriber)
}

// groupDigits splits a subscriber number into the groups Serbians read it
// in: 12 345, 123 456, 123 4567, 1234 5678, 123 456 789, 123 456 7890.
func groupDigits(s string) string {
	var b strings.Builder
	for {
		var size int
		switch n := len(s); n {
		case 0, 1, 2, 3, 4:
			size = n
		case 5:
			size = 2
		case 8:
			size = 4
		default:
			size = 3
		}
		b.WriteString(s[:size])
		if s = s[size:]; s == "" {
			return b.String()
		}
		b.WriteByte(' ')
	}
}

// Say is the problem in the editor's words, for the help line id written
// as number.
func (pp *PhoneProblem) Say(p *message.Printer, id, number string) string {
	switch pp.Fault {
	case notDigits:
		if pp.Want != "" {
			return p.Sprintf("%s: %q: write the number in digits only, with no spaces, dashes or brackets: %s", id, number, pp.Want)
		}
		return p.Sprintf("%s: %q: write the number in digits only, with no spaces, dashes or brackets, e.g. +381111234567 or 192", id, number)
	case trunkZero:
		if pp.Want != "" {
			return p.Sprintf("%s: %q: write a Serbian number with +381 in place of its leading 0: %s", id, number, pp.Want)
		}
		return p.Sprintf("%s: %q: write a Serbian number with +381 in place of its leading 0, and check its digits against the source", id, number)
	case doubleZero:
		return p.Sprintf("%s: %q: write + in place of the 00: %s", id, number, pp.Want)
	case zeroAfterPlus381:
		if pp.Want != "" {
			return p.Sprintf("%s: %q: after +381 leave out the leading 0 of the area code: %s", id, number, pp.Want)
		}
		return p.Sprintf("%s: %q: after +381 leave out the leading 0 of the area code, and check its digits against the source", id, number)
	case notShort:
		return p.Sprintf("%s: %q is not a short number: short numbers begin with 1 and have 3 to 5 digits (192, 1987), or 6 (116000); write any other number with + and its country code, e.g. +381111234567", id, number)
	case unknownCode:
		return p.Sprintf("%s: %q: no Serbian number begins with +381 %s; after +381 comes an area code without its 0 (11 Belgrade, 21 Novi Sad), a mobile network (60 to 69) or 800", id, number, pp.Code)
	case wrongLength:
		return p.Sprintf("%s: %q has %s after +381, where a number beginning with +381 %s has %d to %d: check it against the source for a missing or an extra digit", id, number, p.Sprintf("%d digits", pp.Digits), pp.Code, pp.Min, pp.Max)
	case subscriberStart:
		return p.Sprintf("%s: %q: no number in the area 0%s begins with 0 or 1 after the area code: check it against the source", id, number, pp.Code)
	case notE164:
		return p.Sprintf("%s: %q is not a whole international number: after + come the country code and the number, 7 to 15 digits in all", id, number)
	case unusualLength:
		return p.Sprintf("%s: %q has %s after +381; fixed numbers in use have %d or %d (011 123 4567, 021 123 456): check it against the source", id, number, p.Sprintf("%d digits", pp.Digits), pp.Min, pp.Max)
	}
	return p.Sprintf("%s: %q cannot be dialled", id, number)
}
