// Package layers holds the rules of which of centar's packages may import
// which: the map in DESIGN.md, as a test that fails when a package imports
// one its layer forbids. It has no code of its own.
//
// It imports none of the project's packages.
package layers
