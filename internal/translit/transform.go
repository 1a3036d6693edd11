package translit

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// Transformer returns a streaming transformer to the script whose output is
// exactly what String gives for the whole input, however the input is cut.
// It converts whole lines, because a word's context never crosses a line; a
// verbatim span that does ({{…}} or `…` over several lines) is held until it
// closes or the input ends. It holds back at most that much input.
//
// Input that is not UTF-8 stops the stream with an *EncodingError.
func (t *Translit) Transformer(to Script) transform.Transformer {
	lt := &lineTransformer{to: to, convert: func(dst []byte, s string) []byte {
		return append(dst, cyrillicToLatin(s)...)
	}}
	if to == Cyrillic {
		c := &cyrillicWriter{t: t}
		lt.convert = func(dst []byte, s string) []byte {
			c.out = dst
			c.write(s)
			return c.out
		}
	}
	lt.Reset()
	return lt
}

// An EncodingError is input that is not UTF-8.
type EncodingError struct{ Line int }

func (e *EncodingError) Error() string {
	return fmt.Sprintf("line %d: the text is not in the UTF-8 encoding", e.Line)
}

type lineTransformer struct {
	to      Script
	convert func(dst []byte, s string) []byte // appends s converted to dst
	held    []byte                            // input read, not yet converted
	buf     []byte                            // converted: reused once written
	out     []byte                            // what of buf is not yet written
	line    int                               // lines converted so far
	err     error                             // bad input met: returned once out is written
	scan    spanScan
}

// spanScan remembers how far the held input is known to cut cleanly, so each
// byte is looked at once however small the pieces it comes in.
type spanScan struct {
	pos     int    // held[:pos] is scanned
	safe    int    // held[:safe] converts on its own: it ends a line, and no span crosses its end
	open    int    // a {{ or ` run at held[open] waits for its closing mark, or -1
	closing []byte // that mark: }}, or the same run of backticks
	from    int    // the closing mark is not in held[:from]
}

func (lt *lineTransformer) Reset() {
	lt.held, lt.buf, lt.out, lt.line, lt.err = lt.held[:0], lt.buf[:0], nil, 0, nil
	lt.scan = spanScan{open: -1}
}

func (lt *lineTransformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	nDst = copy(dst, lt.out)
	lt.out = lt.out[nDst:]
	switch {
	case len(lt.out) > 0:
		return nDst, 0, transform.ErrShortDst
	case lt.err != nil:
		return nDst, 0, lt.err
	}
	lt.held = append(lt.held, src...)
	cut := len(lt.held)
	if !atEOF {
		cut = lt.safeCut()
	}
	if cut > 0 {
		chunk := lt.held[:cut]
		if bad := firstInvalid(chunk); bad < len(chunk) {
			// The lines before the bad one are written whole, then the error.
			whole := bytes.LastIndexByte(chunk[:bad], '\n') + 1
			lt.err = &EncodingError{Line: lt.line + 1 + bytes.Count(chunk[:whole], []byte("\n"))}
			chunk, cut = chunk[:whole], whole
		}
		lt.line += bytes.Count(chunk, []byte("\n"))
		lt.buf = lt.convert(lt.buf[:0], string(chunk)) // out is all written: see above
		lt.out = lt.buf
		lt.held = append(lt.held[:0], lt.held[cut:]...)
		lt.scan.shift(cut)
	}
	n := copy(dst[nDst:], lt.out)
	nDst += n
	lt.out = lt.out[n:]
	switch {
	case len(lt.out) > 0:
		return nDst, len(src), transform.ErrShortDst
	case lt.err != nil:
		return nDst, len(src), lt.err
	}
	return nDst, len(src), nil
}

// CheckEncoding returns an *EncodingError at the first line of b that is
// not UTF-8, or nil.
func CheckEncoding(b []byte) error {
	if bad := firstInvalid(b); bad < len(b) {
		return &EncodingError{Line: 1 + bytes.Count(b[:bad], []byte("\n"))}
	}
	return nil
}

// firstInvalid returns the index of the first byte of b that is not UTF-8, or len(b).
func firstInvalid(b []byte) int {
	if utf8.Valid(b) {
		return len(b)
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// hasSpanMark reports whether b holds [, { or `, which may open a span.
func hasSpanMark(b []byte) bool {
	return bytes.IndexByte(b, '[') >= 0 || bytes.IndexByte(b, '{') >= 0 || bytes.IndexByte(b, '`') >= 0
}

// shift moves the scan's positions after held[:n] is converted and dropped.
func (s *spanScan) shift(n int) {
	s.pos -= n
	s.safe -= n
	s.from = max(s.from-n, 0)
	if s.open >= 0 {
		s.open -= n
	}
}

// safeCut scans the held input from where it stopped and returns the length
// that converts on its own exactly as it would within the whole text.
func (lt *lineTransformer) safeCut() int {
	s, held := &lt.scan, lt.held
	if s.open < 0 && (lt.to == Latin || !hasSpanMark(held[s.pos:])) {
		// No span crosses a line (Cyrillic to Latin has none): the last line
		// break cuts cleanly. Most text is such, and IndexByte finds it so
		// at a fraction of a look at every byte.
		if nl := bytes.LastIndexByte(held[s.pos:], '\n'); nl >= 0 {
			s.safe = s.pos + nl + 1
		}
		s.pos = len(held)
		return s.safe
	}
	for s.pos < len(held) {
		if s.open >= 0 {
			closing := s.closing
			at := bytes.Index(held[s.from:], closing)
			if at < 0 {
				s.from = max(len(held)-len(closing)+1, s.from)
				return s.safe
			}
			s.pos, s.open = s.from+at+len(closing), -1
			continue
		}
		next := bytes.IndexAny(held[s.pos:], "\n[{`")
		if next < 0 {
			s.pos = len(held)
			break
		}
		i := s.pos + next
		rest := held[i:]
		switch rest[0] {
		case '\n':
			s.safe, s.pos = i+1, i+1
			continue
		case '[': // [[…]] closes on its line or is no span
			if len(rest) < 2 {
				return s.safe
			}
			if rest[1] != '[' {
				s.pos = i + 1
				continue
			}
			line := rest[2:]
			nl := bytes.IndexByte(line, '\n')
			if nl >= 0 {
				line = line[:nl]
			}
			if end := bytes.Index(line, []byte("]]")); end >= 0 {
				s.pos = i + 2 + end + 2
			} else if nl >= 0 {
				s.pos = i + 1
			} else {
				return s.safe // the line is not complete yet
			}
			continue
		case '{':
			if len(rest) < 2 {
				return s.safe
			}
			if rest[1] != '{' {
				s.pos = i + 1
				continue
			}
			s.open, s.from, s.closing = i, i+2, []byte("}}")
		case '`':
			run := len(rest) - len(bytes.TrimLeft(rest, "`"))
			if run == len(rest) {
				return s.safe // the run may go on
			}
			s.open, s.from, s.closing = i, i+run, bytes.Clone(rest[:run])
		}
	}
	return s.safe
}
