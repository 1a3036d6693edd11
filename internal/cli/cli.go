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
	Version  string
	Getenv   func(string) string // the environment; nil means none

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

// NewRoot returns the centar command with all its subcommands.
func NewRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "centar",
		Short: "Sajt Centra za zaštitu žrtava trgovine ljudima: pregled, izgradnja, preslovljavanje",
		Long: "centar gradi i prikazuje sajt Centra za zaštitu žrtava trgovine ljudima\n" +
			"na ćirilici, latinici i engleskom, iz jednog srpskog izvora.",
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.PersistentFlags().StringVar(&f.lang, "lang", "", "jezik poruka: sr (podrazumevano) ili en / language of messages: sr or en")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		tag, err := msg.Choose(f.lang, f.getenv)
		f.printer = msg.Printer(tag)
		return err
	}
	// Cobra's own complaints (an unknown flag, a flag without its value)
	// come in English; say where to find what the command accepts.
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return errors.New(f.P().Sprintf("%v; centar %s --help shows what this command accepts", err, cmd.Name()))
	})
	root.SetIn(f.In)
	root.SetOut(f.Out)
	root.SetErr(f.Err)
	root.AddCommand(newBuildCmd(f), newServeCmd(f), newTranslitCmd(f), newVersionCmd(f), newCheckCmd(f),
		newNewCmd(f), newStatusCmd(f), newSaveCmd(f), newSyncCmd(f), newPublishCmd(f), newSubmitCmd(f), newCMSCmd(f),
		newTranslationsCmd(f))
	return root
}

// Main runs the command line and returns the process exit code. Errors become
// exit codes here and only here. Ctrl-C, a closed terminal or a stop from the
// system cancel the command's context, so it stops at a safe point; a second
// one ends the process at once, which the workflow survives too.
func Main(f *Factory, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	root := NewRoot(f)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	f.P().Fprintf(f.Err, "error: %v\n", err)
	return 1
}

// StdFactory is the factory for a real process.
func StdFactory(r render.Renderer, version string) *Factory {
	return &Factory{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Renderer: r, Version: version, Getenv: os.Getenv}
}
