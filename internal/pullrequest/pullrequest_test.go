package pullrequest

import "testing"

func TestParseRemote(t *testing.T) {
	for _, c := range []struct{ url, host, owner, name string }{
		{"https://github.com/centar/sajt.git", "github.com", "centar", "sajt"},
		{"https://github.com/centar/sajt", "github.com", "centar", "sajt"},
		{"git@github.com:astra/sajt.git", "github.com", "astra", "sajt"},
		{"ssh://git@github.com/astra/sajt.git", "github.com", "astra", "sajt"},
		{"/srv/git/centar/sajt.git", "", "centar", "sajt"},
	} {
		r, err := ParseRemote(c.url)
		if err != nil || r.Host != c.host || r.Owner != c.owner || r.Name != c.name {
			t.Errorf("ParseRemote(%q) = %+v, %v", c.url, r, err)
		}
	}
	if _, err := ParseRemote("https://github.com/sajt"); err == nil {
		t.Error("a URL without an owner must be refused")
	}
}

func TestCompareURLOnlyOnGitHub(t *testing.T) {
	r := Repo{Host: "github.com", Owner: "centar", Name: "sajt"}
	if got, want := r.CompareURL("main", "astra:prilog/vest"), "https://github.com/centar/sajt/compare/main...astra:prilog/vest?expand=1"; got != want {
		t.Errorf("got %s", got)
	}
	if got := (Repo{Host: "git.example.org", Owner: "c", Name: "s"}).CompareURL("main", "x"); got != "" {
		t.Errorf("off GitHub: %s", got)
	}
}
