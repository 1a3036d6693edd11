package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// workflow times publish and sync on the real site: this repository, whole
// history included, as the server. An editor changes a page and
// publishes; a colleague publishes and the editor syncs. Plain git doing the
// same (commit, pull --rebase, push; pull --rebase) is the baseline, in the
// same run; with -old, another centar binary is timed beside this one.
func workflow(root, centar, old string, runs int) error {
	bins := []struct{ name, path string }{{"centar", centar}}
	if old != "" {
		bins = append(bins, struct{ name, path string }{"old centar", old})
	}
	bins = append(bins, struct{ name, path string }{"plain git", ""})
	results := map[string][2]time.Duration{}
	for _, b := range bins {
		p, s, err := timeWorkflow(root, b.path, runs)
		if err != nil {
			return fmt.Errorf("%s: %w", b.name, err)
		}
		results[b.name] = [2]time.Duration{p, s}
	}
	fmt.Printf("(e) publish and sync on the real site, median of %d:\n", runs)
	base := results["plain git"]
	for i, op := range []string{"publish", "sync"} {
		for _, b := range bins {
			d := results[b.name][i]
			fmt.Printf("    %-8s %-11s %6.0f ms   %5.1f× plain git\n", op, b.name, float64(d.Microseconds())/1000, d.Seconds()/base[i].Seconds())
		}
	}
	if old != "" {
		now, before := results["centar"], results["old centar"]
		fmt.Printf("    this centar against the old one: publish %.2f×, sync %.2f×\n", now[0].Seconds()/before[0].Seconds(), now[1].Seconds()/before[1].Seconds())
	}
	return nil
}

// timeWorkflow returns the median publish and sync times of bin, or of plain
// git when bin is "".
func timeWorkflow(root, bin string, runs int) (publish, sync time.Duration, err error) {
	dir, err := os.MkdirTemp("", "centar-bench-workflow-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(dir)
	remote := filepath.Join(dir, "sajt.git")
	if err := git(dir, "clone", "-q", "--bare", "--branch", "main", root, remote); err != nil {
		return 0, 0, err
	}
	ana, boris := filepath.Join(dir, "ana"), filepath.Join(dir, "boris")
	for _, e := range []string{ana, boris} {
		if err := git(dir, "clone", "-q", remote, e); err != nil {
			return 0, 0, err
		}
		if err := git(e, "config", "user.name", filepath.Base(e)); err != nil {
			return 0, 0, err
		}
		if err := git(e, "config", "user.email", filepath.Base(e)+"@example.org"); err != nil {
			return 0, 0, err
		}
	}
	edit := func(editor, rel string, i int) error {
		p := filepath.Join(editor, rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(p, append(data, []byte(fmt.Sprintf("\nИзмена %d.\n", i))...), 0o644)
	}
	publishOf := func(editor string) (time.Duration, error) {
		if bin == "" {
			start := time.Now()
			for _, args := range [][]string{{"add", "-A", "content"}, {"commit", "-q", "-m", "Измена"}, {"pull", "-q", "--rebase"}, {"push", "-q"}} {
				if err := git(editor, args...); err != nil {
					return 0, err
				}
			}
			return time.Since(start), nil
		}
		return timed(bin, "publish", "-m", "Измена", "-s", editor)
	}
	var pubs, syncs []time.Duration
	for i := range runs {
		if err := edit(ana, "content/sr/o-centru/delatnost.md", i); err != nil {
			return 0, 0, err
		}
		d, err := publishOf(ana)
		if err != nil {
			return 0, 0, err
		}
		pubs = append(pubs, d)

		if err := edit(boris, "content/sr/vesti/ban-iii-nacionalni-izvestilac.md", i); err != nil {
			return 0, 0, err
		}
		if _, err := publishOf(boris); err != nil {
			return 0, 0, err
		}
		if bin == "" {
			start := time.Now()
			if err := git(ana, "pull", "-q", "--rebase"); err != nil {
				return 0, 0, err
			}
			d = time.Since(start)
		} else if d, err = timed(bin, "sync", "-s", ana); err != nil {
			return 0, 0, err
		}
		syncs = append(syncs, d)
	}
	return median(pubs), median(syncs), nil
}

func git(dir string, args ...string) error {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}
