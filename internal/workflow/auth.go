package workflow

import (
	"bufio"
	"bytes"
	"context"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/plumbing/transport/ssh"
)

// TokenVariables are the environment variables read, in order, for an HTTPS
// token: the project's own, then the one GitHub Actions and gh set.
var TokenVariables = []string{"CENTAR_GIT_TOKEN", "GITHUB_TOKEN", "GH_TOKEN"}

// Token returns the first token set in the environment.
func Token(getenv func(string) string) string {
	for _, v := range TokenVariables {
		if t := getenv(v); t != "" {
			return t
		}
	}
	return ""
}

// Auth chooses credentials for a remote: for HTTPS a token from the
// environment, else what the configured git credential helper answers; for
// SSH the SSH agent; for a local path none.
func Auth(remote string, getenv func(string) string) (transport.AuthMethod, error) {
	ep, err := transport.NewEndpoint(remote)
	if err != nil {
		return nil, err
	}
	switch ep.Protocol {
	case "https", "http":
		if ep.User != "" && ep.Password != "" {
			return &githttp.BasicAuth{Username: ep.User, Password: ep.Password}, nil
		}
		if t := Token(getenv); t != "" {
			return &githttp.BasicAuth{Username: "x-access-token", Password: t}, nil
		}
		if user, pass := credentialHelper(ep); pass != "" {
			return &githttp.BasicAuth{Username: user, Password: pass}, nil
		}
		return nil, nil
	case "ssh":
		user := ep.User
		if user == "" {
			user = "git"
		}
		return ssh.NewSSHAgentAuth(user)
	}
	return nil, nil
}

// credentialHelper asks the helper named by credential.helper in the git
// configuration, through git's credential-helper protocol, for the
// endpoint's user name and password; it answers "" when there is none.
func credentialHelper(ep *transport.Endpoint) (user, pass string) {
	cfg, err := config.LoadConfig(config.GlobalScope)
	if err != nil {
		return "", ""
	}
	helper := cfg.Raw.Section("credential").Option("helper")
	if helper == "" {
		return "", ""
	}
	var cmd *exec.Cmd
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	switch {
	case strings.HasPrefix(helper, "!"):
		cmd = exec.CommandContext(ctx, "sh", "-c", helper[1:]+" get")
	case strings.HasPrefix(helper, "/"):
		fields := strings.Fields(helper)
		cmd = exec.CommandContext(ctx, fields[0], append(fields[1:], "get")...)
	default:
		fields := strings.Fields(helper)
		cmd = exec.CommandContext(ctx, "git-credential-"+fields[0], append(fields[1:], "get")...)
	}
	host := ep.Host
	if ep.Port != 0 && ep.Port != 443 && ep.Port != 80 {
		host += ":" + strconv.Itoa(ep.Port)
	}
	cmd.Stdin = strings.NewReader("protocol=" + ep.Protocol + "\nhost=" + host + "\npath=" + strings.TrimPrefix(ep.Path, "/") + "\n\n")
	out, err := cmd.Output()
	if err != nil {
		return "", ""
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		switch k {
		case "username":
			user = v
		case "password":
			pass = v
		}
	}
	return user, pass
}
