// Package par runs independent pieces of work on every CPU.
//
// It imports none of the project's packages.
package par

import "runtime"

// Do calls fn(0), …, fn(n-1), on as many goroutines as there are CPUs, and
// returns the first error; the other calls still run.
func Do(n int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	errs := make(chan error, workers)
	for range workers {
		go func() {
			var first error
			for i := range next {
				if err := fn(i); err != nil && first == nil {
					first = err
				}
			}
			errs <- first
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	var first error
	for range workers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}
