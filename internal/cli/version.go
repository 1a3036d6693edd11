package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Ispisuje verziju programa centar i ugrađenog Huga",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			hugo := "nepoznata"
			if f.Renderer != nil {
				hugo = f.Renderer.Version()
			}
			_, err := fmt.Fprintf(f.Out, "centar %s (Hugo %s)\n", f.Version, hugo)
			return err
		},
	}
}
