package workflow

import (
	"os"
	"path/filepath"
	"testing"

	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
)

func TestAuthTakesTheTokenFromTheEnvironment(t *testing.T) {
	env := map[string]string{"GITHUB_TOKEN": "gh", "CENTAR_GIT_TOKEN": "own"}
	a, err := Auth("https://github.com/centar/sajt.git", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := a.(*githttp.BasicAuth); !ok || b.Password != "own" {
		t.Errorf("got %#v, want the project's own token first", a)
	}
	if a, _ := Auth("/srv/git/sajt.git", func(k string) string { return env[k] }); a != nil {
		t.Errorf("a local remote needs no credentials, got %#v", a)
	}
}

func TestAuthAsksTheCredentialHelper(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	helper := "[credential]\n\thelper = \"!f() { cat >/dev/null; echo username=urednik; echo password=tajna; }; f\"\n"
	if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte(helper), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Auth("https://git.example.org/centar/sajt.git", func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := a.(*githttp.BasicAuth); !ok || b.Username != "urednik" || b.Password != "tajna" {
		t.Errorf("got %#v", a)
	}
}
