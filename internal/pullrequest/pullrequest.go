// Package pullrequest names a repository's pull-request page and opens pull
// requests through the GitHub REST API.
//
// It imports none of the project's packages.
package pullrequest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/transport"
)

// Repo is a repository on GitHub, as owner/name.
type Repo struct {
	Host, Owner, Name string
}

// ParseRemote reads owner and name from a remote URL in any of git's forms
// (https://github.com/o/n.git, git@github.com:o/n.git, a path …/o/n.git).
func ParseRemote(remote string) (Repo, error) {
	ep, err := transport.NewEndpoint(remote)
	if err != nil {
		return Repo{}, err
	}
	parts := strings.Split(strings.Trim(ep.Path, "/"), "/")
	if len(parts) < 2 {
		return Repo{}, fmt.Errorf("%s does not name an owner and a repository", remote)
	}
	return Repo{
		Host:  ep.Host,
		Owner: parts[len(parts)-2],
		Name:  strings.TrimSuffix(parts[len(parts)-1], ".git"),
	}, nil
}

// CompareURL is the web page where a pull request from head (a branch,
// "owner:branch" for a fork) into base is opened, or "" off GitHub.
func (r Repo) CompareURL(base, head string) string {
	if r.Host != "github.com" {
		return ""
	}
	return fmt.Sprintf("https://github.com/%s/%s/compare/%s...%s?expand=1", r.Owner, r.Name, base, head)
}

// Request is a new pull request.
type Request struct {
	Title string `json:"title"`
	Head  string `json:"head"` // "owner:branch" from a fork
	Base  string `json:"base"`
	Body  string `json:"body"`
	// MaintainerCanModify lets the Centre's editors fix a CSO's branch.
	MaintainerCanModify bool `json:"maintainer_can_modify"`
}

// Created is the API's answer, in the fields used here.
type Created struct {
	Number  int    `json:"number"`
	HTMLURL string `json:"html_url"`
}

// APIError is GitHub's refusal, with its message and details.
type APIError struct {
	Status  int
	Message string `json:"message"`
	Errors  []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

func (e *APIError) Error() string {
	var details []string
	for _, d := range e.Errors {
		if d.Message != "" {
			details = append(details, d.Message)
		}
	}
	if len(details) > 0 {
		return fmt.Sprintf("GitHub %d: %s (%s)", e.Status, e.Message, strings.Join(details, "; "))
	}
	return fmt.Sprintf("GitHub %d: %s", e.Status, e.Message)
}

// AlreadyExists reports whether err is GitHub's refusal to open a second
// pull request for the same branch.
func AlreadyExists(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnprocessableEntity {
		return false
	}
	for _, d := range apiErr.Errors {
		if strings.Contains(d.Message, "already exists") {
			return true
		}
	}
	return false
}

// DefaultAPI is GitHub's REST API.
const DefaultAPI = "https://api.github.com"

// Open creates a pull request in repo through the REST API at api.
func Open(ctx context.Context, client *http.Client, api, token string, repo Repo, req Request) (*Created, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	var created Created
	u := fmt.Sprintf("%s/repos/%s/%s/pulls", strings.TrimRight(api, "/"), url.PathEscape(repo.Owner), url.PathEscape(repo.Name))
	if err := call(ctx, client, http.MethodPost, u, token, body, http.StatusCreated, &created); err != nil {
		return nil, err
	}
	return &created, nil
}

// Find returns the open pull request from head ("owner:branch") in repo.
func Find(ctx context.Context, client *http.Client, api, token string, repo Repo, head string) (*Created, error) {
	q := url.Values{"head": {head}, "state": {"open"}}
	u := fmt.Sprintf("%s/repos/%s/%s/pulls?%s", strings.TrimRight(api, "/"), url.PathEscape(repo.Owner), url.PathEscape(repo.Name), q.Encode())
	var found []Created
	if err := call(ctx, client, http.MethodGet, u, token, nil, http.StatusOK, &found); err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("no open pull request from %s", head)
	}
	return &found[0], nil
}

// call sends one request to the API and decodes the answer into out.
func call(ctx context.Context, client *http.Client, method, u, token string, body []byte, want int, out any) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	hr, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return err
	}
	hr.Header.Set("Accept", "application/vnd.github+json")
	hr.Header.Set("Authorization", "Bearer "+token)
	hr.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(hr)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		apiErr := &APIError{Status: resp.StatusCode}
		if json.NewDecoder(resp.Body).Decode(apiErr) != nil || apiErr.Message == "" {
			apiErr.Message = resp.Status
		}
		return apiErr
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("reading GitHub's answer: %w", err)
	}
	return nil
}
