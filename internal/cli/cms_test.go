package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// centar runs the command line with English messages and returns its exit
// code, standard output and standard error.
func centar(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	f := &Factory{In: strings.NewReader(""), Out: &out, Err: &errs, Getenv: func(k string) string {
		if k == "LANG" {
			return "en_US.UTF-8"
		}
		return ""
	}}
	code := Main(f, args)
	return code, out.String(), errs.String()
}

// There is never an open CMS on a network: without accounts it listens on
// this computer only, and a server on a network needs TLS.
func TestTheCMSListensOnANetworkOnlyAsAServerWithTLS(t *testing.T) {
	site := t.TempDir()
	users := filepath.Join(t.TempDir(), "users.json")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--listen", "0.0.0.0:8081"}, "listens only on this computer"},
		{[]string{"--listen", "192.0.2.1:8081"}, "listens only on this computer"},
		{[]string{"--listen", "[::]:8081"}, "listens only on this computer"},
		{[]string{"--listen", ":8081"}, "listens only on this computer"},
		{[]string{"--listen", "8081"}, "is not an address"},
		{[]string{"--tls-cert", "c.pem", "--tls-key", "k.pem"}, "give --users too"},
		{[]string{"--behind-proxy"}, "give --users too"},
		{[]string{"--users", users, "--listen", ":8443"}, "needs TLS"},
		{[]string{"--users", users, "--listen", ":8443", "--tls-cert", "c.pem"}, "together"},
		{[]string{"--users", filepath.Join(site, "users.json"), "--listen", "127.0.0.1:0"}, "inside the site's folder"},
	}
	for _, c := range cases {
		code, _, stderr := centar(append([]string{"cms", "--source", site}, c.args...)...)
		if code == 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("centar cms %s: exit %d, %q; want %q", strings.Join(c.args, " "), code, stderr, c.want)
		}
	}
}

func TestUsersAreAddedListedResetAndRemoved(t *testing.T) {
	users := filepath.Join(t.TempDir(), "users.json")
	code, out, stderr := centar("cms", "users", "add", "ana@example.org", "--name", "Ана Петровић", "--publisher", "--users", users, "--url", "https://cms.example.org/")
	if code != 0 || !strings.HasPrefix(out, "https://cms.example.org/pozivnica/") || len(strings.TrimSpace(out)) != len("https://cms.example.org/pozivnica/")+64 {
		t.Fatalf("add: %d %q %q", code, out, stderr)
	}
	if info, err := os.Stat(users); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the accounts file: %v, %v", info, err)
	}
	if code, out, _ := centar("cms", "users", "list", "--users", users); code != 0 || !strings.Contains(out, "ana@example.org") || !strings.Contains(out, "publisher") || !strings.Contains(out, "has not followed the link yet") {
		t.Errorf("list: %d %q", code, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"add", "ana@example.org", "--name", "Ана", "--url", "https://cms.example.org"}, "already"},
		{[]string{"add", "not-an-address", "--name", "Ана", "--url", "https://cms.example.org"}, "e-mail address"},
		{[]string{"add", "boris@example.org", "--url", "https://cms.example.org"}, "--name"},
		{[]string{"add", "boris@example.org", "--name", "Борис"}, "--url"},
		{[]string{"remove", "boris@example.org"}, "no account"},
		{[]string{"reset", "boris@example.org", "--url", "https://cms.example.org"}, "no account"},
	} {
		if code, _, stderr := centar(append(append([]string{"cms", "users"}, c.args...), "--users", users)...); code == 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("users %s: %d %q; want %q", strings.Join(c.args, " "), code, stderr, c.want)
		}
	}
	if code, out, _ := centar("cms", "users", "reset", "ana@example.org", "--users", users, "--url", "https://cms.example.org"); code != 0 || !strings.Contains(out, "/pozivnica/") {
		t.Errorf("reset: %d %q", code, out)
	}
	if code, _, _ := centar("cms", "users", "remove", "ana@example.org", "--users", users); code != 0 {
		t.Errorf("remove: %d", code)
	}
	if _, out, _ := centar("cms", "users", "list", "--users", users); strings.Contains(out, "ana@example.org") {
		t.Errorf("a removed account is listed: %q", out)
	}
}
