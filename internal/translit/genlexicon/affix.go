package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// affixes is what genlexicon reads of a Hunspell affix file: its rules and
// how it writes flags.
type affixes struct {
	rules   map[string]*rule
	numeric bool // FLAG num: flags are numbers separated by commas; otherwise one character each
}

type rule struct {
	prefix  bool
	cross   bool // may combine with a rule of the other kind
	entries []affix
}

type affix struct {
	strip, add string
	cond       *regexp.Regexp
}

// flags splits a dictionary entry's flags.
func (a *affixes) flags(s string) []string {
	if s == "" {
		return nil
	}
	if a.numeric {
		return strings.Split(s, ",")
	}
	var out []string
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

// expand applies the word's suffix rules, then its prefix rules to the word and,
// where both rules allow it, to each suffixed form.
func expand(word string, flags []string, rules map[string]*rule) []string {
	forms := []string{word}
	var crossable []string
	for _, fl := range flags {
		r := rules[fl]
		if r == nil || r.prefix {
			continue
		}
		for _, a := range r.entries {
			if f, ok := applySuffix(word, a); ok {
				forms = append(forms, f)
				if r.cross {
					crossable = append(crossable, f)
				}
			}
		}
	}
	base := append([]string{word}, crossable...)
	for _, fl := range flags {
		r := rules[fl]
		if r == nil || !r.prefix {
			continue
		}
		for _, a := range r.entries {
			for _, w := range base {
				if f, ok := applyPrefix(w, a); ok {
					forms = append(forms, f)
				}
			}
		}
	}
	return forms
}

func applySuffix(w string, a affix) (string, bool) {
	if !strings.HasSuffix(w, a.strip) || (a.cond != nil && !a.cond.MatchString(w)) {
		return "", false
	}
	return strings.TrimSuffix(w, a.strip) + a.add, true
}

func applyPrefix(w string, a affix) (string, bool) {
	if !strings.HasPrefix(w, a.strip) || (a.cond != nil && !a.cond.MatchString(w)) {
		return "", false
	}
	return a.add + strings.TrimPrefix(w, a.strip), true
}

func readAffixes(path string) (*affixes, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	a := &affixes{rules: map[string]*rule{}}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 2 && fields[0] == "FLAG" {
			a.numeric = fields[1] == "num"
			continue
		}
		if len(fields) < 4 || (fields[0] != "SFX" && fields[0] != "PFX") {
			continue
		}
		prefix := fields[0] == "PFX"
		name := fields[1]
		r := a.rules[name]
		if r == nil { // header line: SFX flag cross count
			a.rules[name] = &rule{prefix: prefix, cross: fields[2] == "Y"}
			continue
		}
		e := affix{strip: zero(fields[2]), add: zero(strings.SplitN(fields[3], "/", 2)[0])}
		if len(fields) > 4 && fields[4] != "." {
			expr := fields[4] + "$"
			if prefix {
				expr = "^" + fields[4]
			}
			re, err := regexp.Compile(expr)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: condition %q: %w", path, n, fields[4], err)
			}
			e.cond = re
		}
		r.entries = append(r.entries, e)
	}
	return a, sc.Err()
}

func zero(s string) string {
	if s == "0" {
		return ""
	}
	return s
}
