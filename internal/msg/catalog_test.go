package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// printerCalls finds every message key passed to a message.Printer in the
// project's Go code: the string literal given to Sprintf, Printf or Fprintf
// on anything but the fmt package.
func printerCalls(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	fset := token.NewFileSet()
	for _, dir := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "fmt" {
					return true
				}
				arg := -1
				switch sel.Sel.Name {
				case "Sprintf", "Printf":
					arg = 0
				case "Fprintf":
					arg = 1
				}
				if arg < 0 || len(call.Args) <= arg {
					return true
				}
				if key, ok := constantString(call.Args[arg]); ok {
					keys[key] = fset.Position(call.Args[arg].Pos()).String()
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// constantString is the text of a string literal, or of literals joined
// with +, as a long message is written over several lines.
func constantString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok := constantString(e.X)
		if !ok {
			return "", false
		}
		y, ok := constantString(e.Y)
		return x + y, ok
	}
	return "", false
}

func TestEveryMessageHasSerbian(t *testing.T) {
	used := printerCalls(t)
	if len(used) < 20 {
		t.Fatalf("found only %d message keys in the code; the scan is broken", len(used))
	}
	for key, where := range used {
		_, s := serbian[key]
		_, p := plurals[key]
		if !s && !p {
			t.Errorf("%s: message %q has no Serbian translation in internal/msg/serbian.go", where, key)
		}
	}
	for key := range serbian {
		if _, ok := used[key]; !ok {
			t.Errorf("serbian.go translates %q, which no code uses any more", key)
		}
	}
	for key := range plurals {
		if _, ok := used[key]; !ok {
			t.Errorf("serbian.go translates %q, which no code uses any more", key)
		}
	}
}

func TestPrinterSpeaksTheChosenLanguage(t *testing.T) {
	key := "there is no such file or folder; check the name"
	if got := Printer(English).Sprintf(key); got != key {
		t.Errorf("English: %q", got)
	}
	if got := Printer(Serbian).Sprintf(key); got != serbian[key] {
		t.Errorf("Serbian: %q, want %q", got, serbian[key])
	}
}

func TestChooseLanguage(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		flag string
		env  map[string]string
		want string
	}{
		{"", nil, "sr-Latn"},
		{"en", nil, "en"},
		{"sr", map[string]string{"LANG": "en_GB.UTF-8"}, "sr-Latn"},
		{"", map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{"", map[string]string{"LC_ALL": "sr_RS.UTF-8", "LANG": "en_US.UTF-8"}, "sr-Latn"},
	}
	for _, c := range cases {
		tag, err := Choose(c.flag, env(c.env))
		if err != nil || tag.String() != c.want {
			t.Errorf("Choose(%q, %v) = %v, %v; want %s", c.flag, c.env, tag, err, c.want)
		}
	}
	if _, err := Choose("de", env(nil)); err == nil {
		t.Error("an unknown --lang must be refused")
	}
}

func TestSerbianPluralForms(t *testing.T) {
	p := Printer(Serbian)
	for n, want := range map[int]string{1: "1 greška", 2: "2 greške", 4: "4 greške", 5: "5 grešaka", 11: "11 grešaka", 12: "12 grešaka", 21: "21 greška", 22: "22 greške"} {
		if got := p.Sprintf("%d errors", n); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
	if got := Printer(English).Sprintf("%d errors", 1); got != "1 error" {
		t.Errorf("English one: %q", got)
	}
}
