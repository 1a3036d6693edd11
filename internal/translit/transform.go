package translit

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// maxLookahead bounds how much input the transformers hold back while waiting
// for the end of a line: a longer line is cut at its last space instead.
const maxLookahead = 1024

// Transformer returns a streaming transformer to the script. It converts whole
// lines, because a word's context (a Roman numeral's neighbours, a protected
// span) never crosses a line; it holds back at most one line of input.
func (t *Translit) Transformer(to Script) transform.Transformer {
	conv := cyrillicToLatin
	if to == Cyrillic {
		conv = t.toCyrillic
	}
	return &lineTransformer{convert: conv}
}

type lineTransformer struct {
	convert func(string) string
	pending []byte // converted output that did not fit into dst yet
}

func (lt *lineTransformer) Reset() { lt.pending = lt.pending[:0] }

func (lt *lineTransformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for {
		if len(lt.pending) > 0 {
			n := copy(dst[nDst:], lt.pending)
			nDst += n
			lt.pending = lt.pending[n:]
			if len(lt.pending) > 0 {
				return nDst, nSrc, transform.ErrShortDst
			}
		}
		rest := src[nSrc:]
		if len(rest) == 0 {
			return nDst, nSrc, nil
		}
		cut := chunkEnd(rest, atEOF)
		if cut == 0 {
			return nDst, nSrc, transform.ErrShortSrc
		}
		lt.pending = append(lt.pending[:0], lt.convert(string(rest[:cut]))...)
		nSrc += cut
	}
}

// chunkEnd returns how many bytes of src can be converted on their own: up to
// the last line end; for a long line, up to its last space; at the end of input,
// everything.
func chunkEnd(src []byte, atEOF bool) int {
	if atEOF {
		return len(src)
	}
	if i := bytes.LastIndexByte(src, '\n'); i >= 0 {
		return i + 1
	}
	if len(src) < maxLookahead {
		return 0
	}
	if i := bytes.LastIndexAny(src, " \t"); i >= 0 {
		return i + 1
	}
	// A kilobyte without a space is no Serbian text: cut before the last rune,
	// which may be incomplete.
	n := len(src) - 1
	for n > 0 && !utf8.RuneStart(src[n]) {
		n--
	}
	if n == 0 {
		return len(src)
	}
	return n
}
