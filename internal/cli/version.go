package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCmd(f *Factory) *cobra.Command {
	p := f.P()
	return &cobra.Command{
		Use:   "version",
		Short: p.Sprintf("Prints the version of centar and of the Hugo inside it"),
		Args:  f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			hugo := p.Sprintf("unknown")
			if f.Renderer != nil {
				hugo = f.Renderer.Version()
			}
			_, err := fmt.Fprintf(f.Out, "centar %s (Hugo %s)\n", f.Version, hugo)
			return err
		},
	}
}
