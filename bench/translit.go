package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"
)

// translitGoal: centar translit's work on prose takes at most 1/0.9 of the
// plain replacer's.
const translitGoal = 0.9

// translitBench times centar translit --to cyrl on Serbian prose, a text
// repeated to size MB, against a plain strings.Replacer program
// (bench/replacer): each in a process of its own, in turn, by the CPU time
// it used less the CPU time it uses on an empty input, its start. Each
// figure is the least of the runs: whatever else the machine does only adds
// to a run's CPU time (a cache shared, a core's other thread), and on a
// machine others share the median drifts by a fifth.
func translitBench(root, text string, size, runs int) error {
	seed, err := os.ReadFile(text)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "centar-bench-translit-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	prose := filepath.Join(dir, "prose.txt")
	repeated := bytes.Repeat(seed, size<<20/len(seed)+1)[:size<<20]
	repeated = repeated[:bytes.LastIndexByte(repeated, '\n')+1] // whole lines
	if err := os.WriteFile(prose, repeated, 0o644); err != nil {
		return err
	}
	centar, replacer := filepath.Join(dir, "centar"), filepath.Join(dir, "replacer")
	for bin, pkg := range map[string]string{centar: "./cmd/centar", replacer: "./bench/replacer"} {
		cmd := exec.Command("go", "build", "-o", bin, pkg)
		cmd.Dir, cmd.Stderr = root, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", pkg, err)
		}
	}
	programs := []*timedProgram{
		{name: "centar translit --to cyrl", args: []string{centar, "translit", "--to", "cyrl"}},
		{name: "strings.Replacer program", args: []string{replacer}},
	}
	for range runs {
		for _, p := range programs {
			if err := p.run(prose); err != nil {
				return err
			}
		}
	}
	fmt.Printf("(o) transliteration to Cyrillic of %.1f MB of prose (%s), %d runs each, in turn;\n"+
		"    least CPU time (user + system), less the least on an empty input:\n",
		float64(len(repeated))/(1<<20), filepath.Base(text), runs)
	for _, p := range programs {
		fmt.Printf("    %-26s %.3f s of work (%.3f s, start %.3f s; medians %.3f s, %.3f s)\n", p.name, p.work().Seconds(),
			slices.Min(p.whole).Seconds(), slices.Min(p.start).Seconds(), median(p.whole).Seconds(), median(p.start).Seconds())
	}
	ratio := programs[1].work().Seconds() / programs[0].work().Seconds()
	met := "met"
	if ratio < translitGoal {
		met = "NOT MET"
	}
	fmt.Printf("    ratio %.2f, the replacer's work to centar's (goal ≥ %.2f: %s)\n", ratio, translitGoal, met)
	return nil
}

// timedProgram is a command and the CPU times of its runs.
type timedProgram struct {
	name         string
	args         []string
	whole, start []time.Duration // on the text, and on an empty input
}

func (p *timedProgram) run(text string) error {
	for _, in := range []struct {
		file  string
		times *[]time.Duration
	}{{text, &p.whole}, {os.DevNull, &p.start}} {
		d, err := cpuTime(p.args, in.file)
		if err != nil {
			return err
		}
		*in.times = append(*in.times, d)
	}
	return nil
}

func (p *timedProgram) work() time.Duration { return slices.Min(p.whole) - slices.Min(p.start) }

// cpuTime runs a command with a file as its input, its output thrown away,
// and returns the CPU time it used.
func cpuTime(args []string, input string) (time.Duration, error) {
	in, err := os.Open(input)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return 0, err
	}
	defer out.Close()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, out, os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("%s: %w", filepath.Base(args[0]), err)
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
}
