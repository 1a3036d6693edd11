package cli

// Help and usage in the editor's language. Cobra's own templates, its
// flags' "(default …)", its completion and help commands and its errors
// are English; centar writes its help itself, from the message catalogue,
// and says its own errors.

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// usageError is a command given wrongly: an unknown flag or command, a
// missing or extra argument, a value a flag does not take. It exits with 2.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// usage marks err as a command given wrongly.
func usage(err error) error { return usageError{err} }

// helpOnly marks a command that only groups others: run alone, it shows
// its help.
const helpOnly = "centar-help-only"

// langArg is the value of --lang among args, read before the commands are
// made, so that their help is in that language from the start.
func langArg(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v
		}
		if a == "--lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// speakAll gives every command of root centar's help, errors, help flag
// and help command, and the completion command in the editor's language.
func (f *Factory) speakAll(root *cobra.Command) {
	p := f.P()
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { f.writeHelp(c.OutOrStdout(), c) })
	root.SetUsageFunc(func(c *cobra.Command) error { f.writeUsage(c.OutOrStderr(), c); return nil })
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usage(f.flagError(err)) })
	root.SetHelpCommand(f.newHelpCmd())
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	f.sayCompletion(root)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.SuggestionsMinimumDistance = 2
		c.InitDefaultHelpFlag()
		c.Flags().Lookup("help").Usage = p.Sprintf("help for %s", c.CommandPath())
		if c.HasSubCommands() && !c.Runnable() {
			c.Annotations = map[string]string{helpOnly: ""}
			c.Args = f.noArgs
			c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// writeHelp writes a command's description and its usage.
func (f *Factory) writeHelp(w io.Writer, c *cobra.Command) {
	about := c.Long
	if about == "" {
		about = c.Short
	}
	if about != "" {
		fmt.Fprintf(w, "%s\n\n", strings.TrimRight(about, "\n"))
	}
	f.writeUsage(w, c)
}

// writeUsage writes how a command is called: its usage line, examples,
// subcommands and flags, laid out as cobra's own template lays them out.
func (f *Factory) writeUsage(w io.Writer, c *cobra.Command) {
	p := f.P()
	p.Fprintf(w, "Usage:\n")
	if _, only := c.Annotations[helpOnly]; c.Runnable() && !only {
		fmt.Fprintf(w, "  %s\n", f.useLine(c))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "  %s\n", p.Sprintf("%s [command]", c.CommandPath()))
	}
	if c.Example != "" {
		p.Fprintf(w, "\nExamples:\n")
		fmt.Fprintf(w, "%s\n", strings.TrimRight(c.Example, "\n"))
	}
	if c.HasAvailableSubCommands() {
		var rows [][2]string
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				rows = append(rows, [2]string{sub.Name(), sub.Short})
			}
		}
		p.Fprintf(w, "\nCommands:\n")
		writeRows(w, rows)
	}
	if rows := f.flagRows(c.LocalFlags()); len(rows) > 0 {
		p.Fprintf(w, "\nFlags:\n")
		writeRows(w, rows)
	}
	if rows := f.flagRows(c.InheritedFlags()); len(rows) > 0 {
		p.Fprintf(w, "\nFlags of every command:\n")
		writeRows(w, rows)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n%s\n", p.Sprintf("More about a command: %s COMMAND --help", c.CommandPath()))
	}
}

// useLine is the command's path and its Use, and a mention of its flags.
func (f *Factory) useLine(c *cobra.Command) string {
	line := c.Use
	if c.HasParent() {
		line = c.Parent().CommandPath() + " " + line
	}
	if c.HasAvailableFlags() && !c.DisableFlagsInUseLine {
		line = f.P().Sprintf("%s [flags]", line)
	}
	return line
}

// flagRows lists the flags of fs that are not hidden: the flag with the
// placeholder of its value, and what it does with its default.
func (f *Factory) flagRows(fs *pflag.FlagSet) [][2]string {
	p := f.P()
	var rows [][2]string
	fs.VisitAll(func(fl *pflag.Flag) {
		if fl.Hidden {
			return
		}
		left := "    --" + fl.Name
		if fl.Shorthand != "" && fl.ShorthandDeprecated == "" {
			left = "-" + fl.Shorthand + ", --" + fl.Name
		}
		// A placeholder written `LIKE THIS` in the usage names the value;
		// otherwise pflag names its type, in English.
		name, said := pflag.UnquoteUsage(fl)
		switch name {
		case "":
		case "string":
			left += " " + p.Sprintf("TEXT")
		case "int":
			left += " N"
		default:
			left += " " + name
		}
		switch fl.DefValue {
		case "", "0", "false", "[]":
		default:
			def := fl.DefValue
			if fl.Value.Type() == "string" {
				def = fmt.Sprintf("%q", def)
			}
			said += " " + p.Sprintf("(default %s)", def)
		}
		rows = append(rows, [2]string{left, said})
	})
	return rows
}

// writeRows writes two columns, the second aligned.
func writeRows(w io.Writer, rows [][2]string) {
	width := 0
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r[0]))
	}
	for _, r := range rows {
		fmt.Fprintf(w, "  %s%s   %s\n", r[0], strings.Repeat(" ", width-utf8.RuneCountInString(r[0])), r[1])
	}
}

// flagError says what pflag found wrong with the flags, in the editor's
// language.
func (f *Factory) flagError(err error) error {
	p := f.P()
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		name := "--" + notExist.GetSpecifiedName()
		if notExist.GetSpecifiedShortnames() != "" {
			name = "-" + notExist.GetSpecifiedName()
		}
		return errors.New(p.Sprintf("there is no flag %s", name))
	case errors.As(err, &noValue):
		name := "--" + noValue.GetSpecifiedName()
		if noValue.GetSpecifiedShortnames() != "" {
			name = "-" + noValue.GetSpecifiedName()
		}
		return errors.New(p.Sprintf("%s needs a value", name))
	case errors.As(err, &invalid):
		name := "--" + invalid.GetFlag().Name
		switch invalid.GetFlag().Value.Type() {
		case "int":
			return errors.New(p.Sprintf("%s takes a whole number, not %q", name, invalid.GetValue()))
		case "bool":
			return errors.New(p.Sprintf("%s takes true or false, not %q", name, invalid.GetValue()))
		}
		return errors.New(p.Sprintf("%q is not a value %s takes", invalid.GetValue(), name))
	case errors.As(err, &syntax):
		return errors.New(p.Sprintf("%s is not a flag: write a flag as --name, or -n", syntax.GetSpecifiedFlag()))
	}
	return err
}

// noArgs refuses arguments: to a command that groups others, an argument is
// a command it does not have.
func (f *Factory) noArgs(c *cobra.Command, args []string) error {
	p := f.P()
	if len(args) == 0 {
		return nil
	}
	if c.HasSubCommands() {
		if like := c.SuggestionsFor(args[0]); len(like) > 0 {
			return usage(errors.New(p.Sprintf("%s has no command %q: did you mean %s?", c.CommandPath(), args[0], strings.Join(like, ", "))))
		}
		return usage(errors.New(p.Sprintf("%s has no command %q", c.CommandPath(), args[0])))
	}
	return usage(errors.New(p.Sprintf("the command %s takes no arguments; %q is too many", c.CommandPath(), args[0])))
}

// argsBetween takes from least to most arguments.
func (f *Factory) argsBetween(least, most int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		p := f.P()
		switch {
		case len(args) < least:
			return usage(errors.New(p.Sprintf("the command %s needs more: it is used as %s", c.CommandPath(), f.useLine(c))))
		case len(args) > most:
			return usage(errors.New(p.Sprintf("the command %s does not take %q: it is used as %s", c.CommandPath(), args[most], f.useLine(c))))
		}
		return nil
	}
}

// newHelpCmd is centar help COMMAND, the same as centar COMMAND --help.
func (f *Factory) newHelpCmd() *cobra.Command {
	p := f.P()
	return &cobra.Command{
		Use:   p.Sprintf("help [command]"),
		Short: p.Sprintf("Help for any command"),
		Long:  p.Sprintf("Shows the help of a command: centar help COMMAND is centar COMMAND --help."),
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return usage(errors.New(p.Sprintf("there is no command %q; centar --help lists them", strings.Join(args, " "))))
			}
			target.InitDefaultHelpFlag()
			f.writeHelp(c.OutOrStdout(), target)
			return nil
		},
	}
}

// sayCompletion puts cobra's completion command, which writes the scripts
// that complete centar's commands in a shell, in the editor's language.
func (f *Factory) sayCompletion(root *cobra.Command) {
	p := f.P()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Short = p.Sprintf("Writes the script that completes centar's commands in a shell")
		c.Long = p.Sprintf("Writes the script with which a shell completes centar's commands and flags as you\n" +
			"type (Tab). The help of each shell says how to load it.")
		for _, shell := range c.Commands() {
			shell.Short = p.Sprintf("Writes the completion script for %s", shell.Name())
			switch shell.Name() {
			case "bash":
				shell.Long = p.Sprintf("Writes the completion script for bash. It needs the package bash-completion.\n\n" +
					"To load it in this session:\n\n\tsource <(centar completion bash)\n\n" +
					"To load it in every new session, once:\n\n" +
					"\tcentar completion bash > /etc/bash_completion.d/centar                   (Linux)\n" +
					"\tcentar completion bash > $(brew --prefix)/etc/bash_completion.d/centar   (macOS)\n\n" +
					"Then open a new shell.")
			case "zsh":
				shell.Long = p.Sprintf("Writes the completion script for zsh. If completion is not on in zsh yet, turn it on\n"+
					"once:\n\n\techo \"autoload -U compinit; compinit\" >> ~/.zshrc\n\n"+
					"To load it in this session:\n\n\tsource <(centar completion zsh)\n\n"+
					"To load it in every new session, once:\n\n"+
					"\tcentar completion zsh > %s/_centar                               (Linux)\n"+
					"\tcentar completion zsh > $(brew --prefix)/share/zsh/site-functions/_centar   (macOS)\n\n"+
					"Then open a new shell.", `"${fpath[1]}"`)
			case "fish":
				shell.Long = p.Sprintf("Writes the completion script for fish.\n\n" +
					"To load it in this session:\n\n\tcentar completion fish | source\n\n" +
					"To load it in every new session, once:\n\n\tcentar completion fish > ~/.config/fish/completions/centar.fish\n\n" +
					"Then open a new shell.")
			case "powershell":
				shell.Long = p.Sprintf("Writes the completion script for PowerShell.\n\n" +
					"To load it in this session:\n\n\tcentar completion powershell | Out-String | Invoke-Expression\n\n" +
					"To load it in every new session, add that line to your PowerShell profile.")
			}
			if nd := shell.Flags().Lookup("no-descriptions"); nd != nil {
				nd.Usage = p.Sprintf("without the commands' descriptions")
			}
		}
	}
}
