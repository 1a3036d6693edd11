package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/transform"

	"centar/internal/content"
	"centar/internal/translit"
)

type translitOptions struct {
	To       translit.Script
	Markdown bool
	File     string // "" or "-" for standard input
}

func newTranslitCmd(f *Factory) *cobra.Command {
	var to string
	opts := &translitOptions{}
	p := f.P()
	cmd := &cobra.Command{
		Use:   p.Sprintf("translit --to cyrl|latn [--markdown] [FILE]"),
		Short: p.Sprintf("Transliterates Serbian text into Cyrillic or Latin"),
		Long: p.Sprintf("Reads FILE (or standard input) and writes it transliterated to standard output,\n" +
			"line by line. With --markdown it reads the whole document and changes only the text\n" +
			"a reader sees. Text between [[ and ]] stays as it is written."),
		Args: f.argsBetween(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, ok := translit.ParseScript(to)
			if !ok {
				s, ok = shortScriptNames[strings.ToLower(to)]
			}
			switch {
			case to == "":
				return usage(errors.New(p.Sprintf("say which script to write: --to cyrl (Cyrillic) or --to latn (Latin)")))
			case !ok:
				return usage(errors.New(p.Sprintf("--to must be cyrl (or cyr, ћир) or latn (or lat, latin), not %q", to)))
			}
			opts.To = s
			if len(args) == 1 {
				opts.File = args[0]
			}
			return runTranslit(f, opts)
		},
	}
	cmd.Flags().StringVar(&to, "to", "", p.Sprintf("the `SCRIPT` to write: cyrl (or cyr, ћир) or latn (or lat, latin)"))
	cmd.Flags().BoolVar(&opts.Markdown, "markdown", false, p.Sprintf("the input is Markdown: only the text for readers changes"))
	return cmd
}

// shortScriptNames are what editors type for a script besides the names
// translit.ParseScript knows (cyrl, latn, latin, ћирилица…).
var shortScriptNames = map[string]translit.Script{"cyr": translit.Cyrillic, "ћир": translit.Cyrillic, "lat": translit.Latin}

// streamBlock is how much plain text is read or written at a time.
const streamBlock = 64 << 10

func runTranslit(f *Factory, o *translitOptions) error {
	name := o.File
	in := f.In
	if name == "" || name == "-" {
		name = f.P().Sprintf("standard input")
	} else {
		file, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("%s: %w", f.P().Sprintf("cannot read %s", name), err)
		}
		defer file.Close()
		in = file
	}
	notUTF8 := func(line int) error {
		// The place is formatted apart: the printer would group 1234 as 1.234.
		at := fmt.Sprintf("%s:%d", name, line)
		return errors.New(f.P().Sprintf("%s: the text is not in the UTF-8 encoding; save the file as UTF-8 and try again", at))
	}
	tr := translit.Default()
	var enc *translit.EncodingError
	if !o.Markdown {
		// Plain text streams a line at a time, read and written in large
		// blocks: through transform's own 4 KB buffers it cost two system
		// calls every 4 KB.
		out := bufio.NewWriterSize(f.Out, streamBlock)
		tw := transform.NewWriter(out, tr.Transformer(o.To))
		_, err := io.CopyBuffer(tw, in, make([]byte, streamBlock))
		if err == nil {
			err = tw.Close() // the last line, if it has no line break
		}
		if ferr := out.Flush(); err == nil {
			err = ferr // the lines before a bad one are written all the same
		}
		if errors.As(err, &enc) {
			return notUTF8(enc.Line)
		} else if err != nil {
			return fmt.Errorf("%s: %w", f.P().Sprintf("cannot read %s", name), err)
		}
		return nil
	}
	// Markdown is read whole: a reference definition may follow its use.
	src, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("%s: %w", f.P().Sprintf("cannot read %s", name), err)
	}
	if errors.As(translit.CheckEncoding(src), &enc) {
		return notUTF8(enc.Line)
	}
	out, err := content.Convert(tr, string(src), o.To, nil)
	var le *content.LineError
	var heavy *content.Excess
	if errors.As(err, &heavy) {
		return fmt.Errorf("%s:%d: %s", name, heavy.Line, heavy.Say(f.P()))
	} else if errors.As(err, &le) {
		return fmt.Errorf("%s:%d: %s", name, le.Line, le.Msg)
	} else if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	_, err = io.WriteString(f.Out, out)
	return err
}
