package build

import (
	"testing"

	"centar/internal/msg"
)

func TestProductionNeedsARealAddress(t *testing.T) {
	for _, u := range []string{"", "http://primer.rs/", "https://localhost/"} {
		if checkProductionURL(msg.Printer(msg.Serbian), u) == nil {
			t.Errorf("%q accepted", u)
		}
	}
	if err := checkProductionURL(msg.Printer(msg.Serbian), "https://primer.rs/"); err != nil {
		t.Error(err)
	}
}
