package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

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
	cmd := &cobra.Command{
		Use:   "translit --to cyrl|latn [--markdown] [FAJL]",
		Short: "Preslovljava srpski tekst na ćirilicu ili latinicu",
		Long: "Čita FAJL (ili standardni ulaz) i ispisuje ga preslovljenog na standardni izlaz,\n" +
			"red za redom. Sa --markdown čita ceo dokument i menja samo tekst koji čitalac vidi.\n" +
			"Tekst između [[ i ]] ostaje kako je napisan.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, ok := translit.ParseScript(to)
			if !ok {
				return errors.New(f.P().Sprintf("--to must be cyrl or latn, not %q", to))
			}
			opts.To = s
			if len(args) == 1 {
				opts.File = args[0]
			}
			return runTranslit(f, opts)
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "pismo u koje se preslovljava: cyrl ili latn")
	cmd.Flags().BoolVar(&opts.Markdown, "markdown", false, "ulaz je Markdown: menja se samo tekst za čitaoca")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

// streamBlock is how much plain text is read or written at a time.
const streamBlock = 64 << 10

func runTranslit(f *Factory, o *translitOptions) error {
	name := o.File
	in := f.In
	if name == "" || name == "-" {
		name = "standardni ulaz"
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
