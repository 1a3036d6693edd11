package msg

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

// catalogue holds every message in both languages: the key is the English
// text, serbian gives its Serbian (Latin script) translation, plurals the
// messages whose words follow a count.
var catalogue = build()

func build() *catalog.Builder {
	b := catalog.NewBuilder(catalog.Fallback(Serbian))
	for key, sr := range serbian {
		must(b.SetString(English, key, key))
		must(b.SetString(Serbian, key, sr))
	}
	for key, p := range plurals {
		must(b.Set(English, key, plural.Selectf(p.arg, "%d", "one", p.enOne, "other", key)))
		must(b.Set(Serbian, key, plural.Selectf(p.arg, "%d", "one", p.srOne, "few", p.srFew, "other", p.srOther)))
	}
	return b
}

func must(err error) {
	if err != nil {
		panic("msg: " + err.Error())
	}
}

// pluralMessage is a message with a count: arg is the count's position (from
// 1); the key itself is the English "other" form.
type pluralMessage struct {
	arg                   int
	enOne                 string
	srOne, srFew, srOther string
}
