package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// netlifyCache is the folder Netlify's build image keeps between builds
// for Go, and where netlify.toml puts Go's caches.
const netlifyCache = "/opt/buildhome/.gimme_cache"

// netlifyBuild times what Netlify does to put a change on the site: a
// fresh clone of this repository (its HEAD), Netlify's npm install, and
// netlify.toml's command for deploy previews with its environment, until
// public/ is written. Go's caches and node_modules are kept in a folder
// that stands for Netlify's cache. Cold: that folder empty, as at a site's
// first build or after "Clear cache and deploy"; warm: as the cold build
// left it, after a commit that changes only a page, as an editor's
// publish makes.
func netlifyBuild(root string) error {
	var config struct {
		Build struct {
			Publish     string            `toml:"publish"`
			Environment map[string]string `toml:"environment"`
		} `toml:"build"`
		Context map[string]struct {
			Command string `toml:"command"`
		} `toml:"context"`
	}
	data, err := os.ReadFile(filepath.Join(root, "netlify.toml"))
	if err != nil {
		return err
	}
	if err := toml.Unmarshal(data, &config); err != nil {
		return fmt.Errorf("netlify.toml: %w", err)
	}
	command := config.Context["deploy-preview"].Command
	if command == "" {
		return fmt.Errorf("netlify.toml has no [context.deploy-preview] command")
	}
	work, err := os.MkdirTemp("", "centar-bench-netlify-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	origin, repo, cache := filepath.Join(work, "origin"), filepath.Join(work, "repo"), filepath.Join(work, "cache")
	if err := git(work, "clone", "-q", root, origin); err != nil {
		return err
	}
	// Netlify's environment is its own: none of this machine's Go settings
	// (GOENV=off leaves out its go env file), netlify.toml's, and its
	// cache folder where netlify.toml names Netlify's.
	// Netlify's image puts GOPATH and GOCACHE in its cache folder too.
	env := []string{"GOENV=off", "GOPATH=" + filepath.Join(cache, "gopath"), "GOCACHE=" + filepath.Join(cache, "gocache"),
		"DEPLOY_PRIME_URL=https://deploy-preview-1--centar.netlify.app", "npm_config_cache=" + filepath.Join(cache, "npm")}
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !strings.HasPrefix(k, "GO") && k != "CI" {
			env = append(env, kv)
		}
	}
	for k, v := range config.Build.Environment {
		env = append(env, k+"="+strings.ReplaceAll(v, netlifyCache, cache))
	}
	build := func(name string) error {
		if err := os.RemoveAll(repo); err != nil {
			return err
		}
		start := time.Now()
		if err := git(work, "clone", "-q", origin, repo); err != nil {
			return err
		}
		cloned := time.Now()
		// Netlify installs package.json's packages, unless the cached
		// node_modules were made from the same package.json.
		modules := filepath.Join(cache, "node_modules")
		if err := os.Rename(modules, filepath.Join(repo, "node_modules")); os.IsNotExist(err) {
			if err := runIn(repo, env, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error"); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		installed := time.Now()
		if err := runIn(repo, env, "sh", "-c", command); err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(repo, config.Build.Publish, "index.html")); err != nil {
			return fmt.Errorf("no site in %s: %w", config.Build.Publish, err)
		}
		done := time.Now()
		fmt.Printf("    %-5s %6.1f s: clone %.1f s, npm %.1f s, %s %.1f s\n", name, done.Sub(start).Seconds(),
			cloned.Sub(start).Seconds(), installed.Sub(cloned).Seconds(), command, done.Sub(installed).Seconds())
		// What Netlify keeps for the next build.
		return os.Rename(filepath.Join(repo, "node_modules"), modules)
	}
	fmt.Printf("(n) a Netlify build from a fresh clone to %s/ ready (the deploy preview's command):\n", config.Build.Publish)
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return err
	}
	if err := build("cold"); err != nil {
		return err
	}
	// An editor's publish: one page changed.
	page := filepath.Join(origin, "content", "sr", "pomoc", "_index.md")
	text, err := os.ReadFile(page)
	if err != nil {
		return err
	}
	if err := os.WriteFile(page, append(text, "\nИзмена за мерење.\n"...), 0o644); err != nil {
		return err
	}
	if err := git(origin, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qam", "Измена"); err != nil {
		return err
	}
	if err := build("warm"); err != nil {
		return err
	}
	fmt.Printf("    budget: a content change live within 60 s, warm\n")
	return nil
}

// runIn runs a command in dir with env, its output shown only if it fails.
func runIn(dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, tail(string(out)))
	}
	return nil
}
