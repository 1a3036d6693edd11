package site

import "centar/internal/content"

// The build says what is wrong in a file as the content model does.
type (
	Problem  = content.Problem
	Problems = content.Problems
)
