package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/spf13/cobra"

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
			"red za redom. Sa --markdown menja samo tekst koji čitalac vidi. Tekst između [[ i ]]\n" +
			"ostaje kako je napisan.",
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

func runTranslit(f *Factory, o *translitOptions) error {
	name := o.File
	var src []byte
	var err error
	if name == "" || name == "-" {
		name = "standardni ulaz"
		src, err = io.ReadAll(f.In)
	} else {
		src, err = os.ReadFile(name)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", f.P().Sprintf("cannot read %s", name), err)
	}
	if !utf8.Valid(src) {
		line := 1 + bytes.Count(src[:firstInvalid(src)], []byte("\n"))
		// The place is formatted apart: the printer would group 1234 as 1.234.
		at := fmt.Sprintf("%s:%d", name, line)
		return errors.New(f.P().Sprintf("%s: the text is not in the UTF-8 encoding; save the file as UTF-8 and try again", at))
	}
	tr := translit.Default()
	var out string
	if o.Markdown {
		out, err = tr.Markdown(string(src), o.To, nil)
		var le *translit.LineError
		if errors.As(err, &le) {
			return fmt.Errorf("%s:%d: %s", name, le.Line, le.Msg)
		} else if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	} else {
		out = tr.String(string(src), o.To)
	}
	_, err = io.WriteString(f.Out, out)
	return err
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}
