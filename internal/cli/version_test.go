package cli

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
)

// centar version names the tag it was built from, or else the commit and
// its date, from the build information Go records; a release's own
// version comes first.
func TestVersionNamesTheTagOrTheCommit(t *testing.T) {
	info := func(text string) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			bi, err := debug.ParseBuildInfo(text)
			if err != nil {
				t.Fatal(err)
			}
			return bi, true
		}
	}
	const head = "go\tgo1.26.8\npath\tcentar/cmd/centar\n"
	for _, c := range []struct {
		name, release string
		info          func() (*debug.BuildInfo, bool)
		want          string
	}{
		{"at a tag", "dev", info(head + "mod\tcentar\tv1.2.0\t\nbuild\tvcs=git\nbuild\tvcs.revision=0123456789abcdef0123456789abcdef01234567\nbuild\tvcs.time=2026-12-01T10:00:00Z\nbuild\tvcs.modified=false\n"), "centar v1.2.0 (Hugo nepoznata)\n"},
		{"after a tag", "dev", info(head + "mod\tcentar\tv1.2.1-0.20261207101500-0123456789ab\t\nbuild\tvcs=git\nbuild\tvcs.revision=0123456789abcdef0123456789abcdef01234567\nbuild\tvcs.time=2026-12-07T10:15:00Z\nbuild\tvcs.modified=false\n"), "centar, izmena 0123456789ab od 2026-12-07 (Hugo nepoznata)\n"},
		{"with changes", "", info(head + "mod\tcentar\t(devel)\t\nbuild\tvcs=git\nbuild\tvcs.revision=fedcba9876543210fedcba9876543210fedcba98\nbuild\tvcs.time=2026-12-07T10:15:00Z\nbuild\tvcs.modified=true\n"), "centar, izmena fedcba987654 od 2026-12-07, sa izmenama koje nisu sačuvane u git-u (Hugo nepoznata)\n"},
		{"without git", "dev", info(head + "mod\tcentar\t(devel)\t\n"), "centar, razvojna verzija bez podataka o verziji (Hugo nepoznata)\n"},
		{"a release", "v1.3.0", info(head + "mod\tcentar\t(devel)\t\n"), "centar v1.3.0 (Hugo nepoznata)\n"},
	} {
		var out bytes.Buffer
		f := &Factory{In: strings.NewReader(""), Out: &out, Err: &out, Version: c.release, BuildInfo: c.info}
		if code := Main(f, []string{"version"}); code != 0 || out.String() != c.want {
			t.Errorf("%s: exit %d, %q, want %q", c.name, code, out.String(), c.want)
		}
	}
	var out bytes.Buffer
	f := &Factory{In: strings.NewReader(""), Out: &out, Err: &out, BuildInfo: info(head + "mod\tcentar\t(devel)\t\nbuild\tvcs.revision=0123456789abcdef0123456789abcdef01234567\nbuild\tvcs.time=2026-12-07T10:15:00Z\n")}
	if Main(f, []string{"version", "--lang", "en"}); out.String() != "centar, commit 0123456789ab of 2026-12-07 (Hugo unknown)\n" {
		t.Errorf("in English: %q", out.String())
	}
}
