// Package cli holds centar's commands. Each command parses its flags into an
// options value and calls a plain function; the site's renderer (Hugo) arrives
// through the Factory, so only cmd/centar links Hugo.
//
// Of the project's packages it may import only build, cms, workflow, check,
// content, explain, msg, newpage, pullrequest, render, staff and translit.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/text/message"

	"centar/internal/msg"
	"centar/internal/render"
)

// Factory carries what commands depend on; a test fills only what it needs.
type Factory struct {
	In       io.Reader
	Out, Err io.Writer
	Renderer render.Renderer
	Version  string              // the release's, given with -ldflags "-X main.version=…"
	Getenv   func(string) string // the environment; nil means none
	// BuildInfo is what Go recorded of the build; nil means
	// debug.ReadBuildInfo.
	BuildInfo func() (*debug.BuildInfo, bool)

	lang    string // --lang
	printer *message.Printer
}

// P is the printer for messages to the editor, in the language chosen by
// --lang or the locale.
func (f *Factory) P() *message.Printer {
	if f.printer == nil {
		tag, _ := msg.Choose(f.lang, f.getenv)
		f.printer = msg.Printer(tag)
	}
	return f.printer
}

// serbian reports whether the editor is spoken to in Serbian.
func (f *Factory) serbian() bool {
	tag, _ := msg.Choose(f.lang, f.getenv)
	return tag == msg.Serbian
}

func (f *Factory) getenv(key string) string {
	if f.Getenv == nil {
		return ""
	}
	return f.Getenv(key)
}

// exitError carries an exit code chosen by a command.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// NewRoot returns the centar command with all its subcommands, their help
// in the language chosen by --lang (read from args by Main before) or the
// locale.
func NewRoot(f *Factory) *cobra.Command {
	p := f.P()
	root := &cobra.Command{
		Use:   "centar",
		Short: p.Sprintf("The site of the Centre for Protection of Victims of Human Trafficking: preview, build, transliteration"),
		Long: p.Sprintf("centar builds and shows the site of the Centre for Protection of Victims of Human\n" +
			"Trafficking in Cyrillic, Latin and English, from one Serbian source.\n\n" +
			"Exit codes: 0 done; 1 a problem in the content, or a refusal; 2 a command given\n" +
			"wrongly (an unknown flag or command, a missing or an extra argument)."),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.PersistentFlags().StringVar(&f.lang, "lang", "", p.Sprintf("the `LANGUAGE` of messages and help: sr (the default) or en"))
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		tag, err := msg.Choose(f.lang, f.getenv)
		f.printer = msg.Printer(tag)
		if err != nil {
			return usage(err)
		}
		return nil
	}
	root.SetIn(f.In)
	root.SetOut(f.Out)
	root.SetErr(f.Err)
	root.AddCommand(newBuildCmd(f), newServeCmd(f), newTranslitCmd(f), newVersionCmd(f), newCheckCmd(f),
		newNewCmd(f), newStatusCmd(f), newSaveCmd(f), newSyncCmd(f), newPublishCmd(f), newSubmitCmd(f), newCMSCmd(f),
		newTranslationsCmd(f))
	f.speakAll(root)
	return root
}

// Main runs the command line and returns the process exit code: 0 when
// done, 1 for a problem in the content or a refusal, 2 for a command given
// wrongly. Errors become exit codes here and only here. Ctrl-C, a closed
// terminal or a stop from the system cancel the command's context, so it
// stops at a safe point; a second one ends the process at once, which the
// workflow survives too.
func Main(f *Factory, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	f.lang = langArg(args)
	root := NewRoot(f)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	p := f.P()
	p.Fprintf(f.Err, "error: %v\n", err)
	if errors.As(err, new(usageError)) {
		p.Fprintf(f.Err, "%s --help shows what this command accepts.\n", cmd.CommandPath())
		return 2
	}
	return 1
}

// StdFactory is the factory for a real process.
func StdFactory(r render.Renderer, version string) *Factory {
	return &Factory{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Renderer: r, Version: version, Getenv: os.Getenv}
}
