// Package msg speaks to editors in their language. Messages are keyed by their
// English text and translated in this package's catalog; Serbian in Latin
// script is the default, English is chosen by a flag or by the locale.
//
// It imports none of the project's packages.
package msg

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// The languages the tool speaks.
var (
	Serbian = language.MustParse("sr-Latn")
	English = language.English
)

// Choose returns the language asked for with --lang, or else the one of the
// locale (LC_ALL, LC_MESSAGES, LANG): English for an English locale, Serbian
// otherwise.
func Choose(flag string, getenv func(string) string) (language.Tag, error) {
	switch strings.ToLower(flag) {
	case "sr", "sr-latn":
		return Serbian, nil
	case "en":
		return English, nil
	case "":
	default:
		return Serbian, fmt.Errorf("nepoznat jezik %q / unknown language %q: use --lang sr or --lang en", flag, flag)
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "en") {
				return English, nil
			}
			return Serbian, nil
		}
	}
	return Serbian, nil
}

// Printer formats messages in tag's language from the catalog.
func Printer(tag language.Tag) *message.Printer {
	return message.NewPrinter(tag, message.Catalog(catalogue))
}
