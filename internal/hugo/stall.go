package hugo

import (
	"bytes"
	"errors"
	"runtime"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/hugolib"
)

// errStalled is a build Hugo stopped working on without returning.
var errStalled = errors.New("Hugo gave up building the site, as it does when ten pages fail at once: " +
	"most often a template every page uses (themes/) is broken")

// stallCheck is how often a running build is looked at for a stall.
const stallCheck = 500 * time.Millisecond

// buildOrStall runs a build of sites, as untilStall does.
func buildOrStall(sites *hugolib.HugoSites, cfg hugolib.BuildCfg, changed ...fsnotify.Event) error {
	cfg.NoBuildLock = true // a stalled build would hold the lock for good
	return untilStall(func() error { return sites.Build(cfg, changed...) })
}

// untilStall runs build and returns its error, or errStalled when it stalls.
// Hugo 0.165 can stop working on a build and never return: when ten pages
// fail at once its page workers quit while its page walker waits to hand
// them the next page (hugolib's renderPages). A build left so is left
// behind, and with it the sites it was building.
func untilStall(build func() error) error {
	// A build left before keeps its walker waiting: only one more counts.
	left, _ := pageRendering()
	done := make(chan error, 1)
	go func() { done <- build() }()
	tick := time.NewTicker(stallCheck)
	defer tick.Stop()
	stalledBefore := false
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			// Seen twice in a row: the walker also waits alone for the
			// moment its last worker takes to end.
			walkers, workers := pageRendering()
			stalled := walkers > left && workers == 0
			if stalled && stalledBefore {
				return errStalled
			}
			stalledBefore = stalled
		}
	}
}

// pageRendering counts Hugo's page walkers waiting to hand out a page, and
// its page workers.
func pageRendering() (walkers, workers int) {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		switch {
		case bytes.Contains(g, []byte("hugolib.pageRenderer(")):
			workers++
		case bytes.Contains(g, []byte("[chan send")) && bytes.Contains(g, []byte("hugolib.(*Site).renderPages")):
			walkers++
		}
	}
	return walkers, workers
}
