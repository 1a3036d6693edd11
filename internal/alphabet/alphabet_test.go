package alphabet

import (
	"slices"
	"sort"
	"testing"

	"centar/internal/translit"
)

// Towns whose first letters are exactly where the two alphabets differ from
// each other and from the order of their bytes.
var towns = map[translit.Script][]string{
	translit.Latin:    {"Cetinje", "Čačak", "Ćuprija", "Drina", "Dževrin", "Đakovo", "Loznica", "Ljig", "Novi Sad", "Njegoš", "Subotica", "Šabac", "Zrenjanin", "Žabalj"},
	translit.Cyrillic: {"Дрина", "Ђаково", "Жабаљ", "Зрењанин", "Лозница", "Љиг", "Нови Сад", "Његош", "Суботица", "Ћуприја", "Цетиње", "Чачак", "Џеврин", "Шабац"},
}

func TestCompareAndKeysFollowTheAlphabet(t *testing.T) {
	for script, want := range towns {
		shuffled := slices.Clone(want)
		slices.Reverse(shuffled)
		sort.Strings(shuffled) // byte order: a different order, to start from
		if slices.Equal(shuffled, want) {
			t.Fatalf("%s: byte order is the alphabet: the test proves nothing", script)
		}
		byCompare := slices.Clone(shuffled)
		SortFunc(byCompare, script, func(s string) string { return s })
		if !slices.Equal(byCompare, want) {
			t.Errorf("%s by Compare:\n got %v\nwant %v", script, byCompare, want)
		}
		c := New(script)
		byKey := slices.Clone(shuffled)
		sort.SliceStable(byKey, func(i, j int) bool { return c.Key(byKey[i]) < c.Key(byKey[j]) })
		if !slices.Equal(byKey, want) {
			t.Errorf("%s by Key:\n got %v\nwant %v", script, byKey, want)
		}
	}
}

func TestKeysAreBoundedASCII(t *testing.T) {
	c := New(translit.Latin)
	long := "Akcioni plan za sprovođenje Strategije prevencije i suzbijanja trgovine ljudima, posebno ženama i decom"
	k := c.Key(long)
	if len(k) != 2*keyBytes {
		t.Errorf("key of a long title is %d characters, want %d", len(k), 2*keyBytes)
	}
	for _, r := range k {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			t.Fatalf("key %q is not lower-case hex", k)
		}
	}
	if c.Key("Čačak") == c.Key("Cacak") {
		t.Error("Čačak and Cacak have the same key: č is a letter of its own")
	}
}
