package cli

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/mod/module"
	"golang.org/x/text/message"
)

func newVersionCmd(f *Factory) *cobra.Command {
	p := f.P()
	return &cobra.Command{
		Use:   "version",
		Short: p.Sprintf("Prints the version of centar and of the Hugo inside it"),
		Long: p.Sprintf("Prints which centar this is: the release's tag when it was built from one, otherwise\n" +
			"the commit it was built from and that commit's date, and the version of Hugo inside it."),
		Args: f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			hugo := p.Sprintf("unknown")
			if f.Renderer != nil {
				hugo = f.Renderer.Version()
			}
			info, _ := f.buildInfo()
			_, err := fmt.Fprintf(f.Out, "%s (Hugo %s)\n", describeBuild(p, f.Version, info), hugo)
			return err
		},
	}
}

// buildInfo is what Go recorded of the build: the module's version and
// the commit it was built from.
func (f *Factory) buildInfo() (*debug.BuildInfo, bool) {
	if f.BuildInfo != nil {
		return f.BuildInfo()
	}
	return debug.ReadBuildInfo()
}

// describeBuild names the build: the version a release gave it with
// -ldflags "-X main.version=…"; else the tag Go found on the commit it was
// built from; else that commit and its date. A go run or go build from a
// clone at a tag gives the tag, from any other commit a pseudo-version,
// which says less to staff than the commit and its date.
func describeBuild(p *message.Printer, release string, info *debug.BuildInfo) string {
	if release != "" && release != "dev" {
		return "centar " + release
	}
	if info == nil {
		return p.Sprintf("centar, a development build without version information")
	}
	if v := info.Main.Version; v != "" && v != "(devel)" && !module.IsPseudoVersion(strings.TrimSuffix(v, "+dirty")) {
		return "centar " + v
	}
	var revision, date string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.time":
			date, _, _ = strings.Cut(s.Value, "T")
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision == "" {
		return p.Sprintf("centar, a development build without version information")
	}
	said := p.Sprintf("centar, commit %s of %s", revision[:min(12, len(revision))], date)
	if modified {
		said = p.Sprintf("%s, with changes not committed", said)
	}
	return said
}
