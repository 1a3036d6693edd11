package layers

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// mayImport lists, for each package under internal/, the project's packages
// it may import; a package below never imports one above. The leaves import
// none.
var mayImport = map[string][]string{
	"cli":      {"build", "cms", "workflow", "check", "content", "explain", "msg", "newpage", "pullrequest", "render", "staff", "translit"},
	"cms":      {"workflow", "build", "content", "check", "explain", "merge", "msg", "staff", "translit", "alphabet"},
	"staff":    {"durable"},
	"build":    {"content", "check", "translit", "search", "spill", "leaflet", "netlify", "render", "alphabet", "par", "plainfile"},
	"hugo":     {"render", "treefs", "plainfile"},
	"workflow": {"check", "content", "durable", "merge", "translit"},
	"explain":  {"workflow"},
	"check":    {"content", "translit", "par"},
	"newpage":  {"content", "translit"},
	"leaflet":  {"content"},
	"content":  {"translit", "plainfile"},
	"search":   {"translit", "par", "plainfile", "spill"},
	"alphabet": {"translit"},
	"render":   {"treefs"},

	"translit/genlexicon": {"translit"},

	"translit": nil, "durable": nil, "msg": nil, "par": nil, "plainfile": nil, "spill": nil, "treefs": nil,
	"netlify": nil, "pullrequest": nil, "merge": nil, "testsite": nil, "layers": nil,
}

// packages lists, as go list does given args, packages with what they
// import.
func packages(t *testing.T, args ...string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-json"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("go list: %v", err)
	}
	all := map[string][]string{}
	dec := json.NewDecoder(out)
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		all[p.ImportPath] = p.Imports
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("go list: %v", err)
	}
	return all
}

func TestEachPackageImportsOnlyWhatItsLayerMay(t *testing.T) {
	const internal = "centar/internal/"
	for path, imports := range packages(t, "centar/...") {
		name, ok := strings.CutPrefix(path, internal)
		if !ok {
			continue // the command and the benchmarks sit above everything
		}
		allowed, known := mayImport[name]
		if !known {
			t.Errorf("%s is not in the map of layers: add it to mayImport, and to DESIGN.md's map", path)
			continue
		}
		var wrong []string
		for _, imp := range imports {
			if dep, ok := strings.CutPrefix(imp, internal); ok && !slices.Contains(allowed, dep) {
				wrong = append(wrong, dep)
			}
		}
		sort.Strings(wrong)
		if len(wrong) > 0 {
			t.Errorf("%s imports %s, which its layer may not", name, strings.Join(wrong, ", "))
		}
	}
}

// The git layer and the check link no renderer, no PDF writer and no file
// watcher: what an editor's save and the CMS's every action load.
func TestTheWorkflowLinksNoBuild(t *testing.T) {
	for _, root := range []string{"centar/internal/workflow", "centar/internal/check"} {
		for dep := range packages(t, "-deps", root) {
			for _, forbidden := range []string{"centar/internal/build", "centar/internal/hugo", "github.com/gohugoio/hugo", "github.com/signintech/gopdf", "github.com/fsnotify/fsnotify"} {
				if dep == forbidden || strings.HasPrefix(dep, forbidden+"/") {
					t.Errorf("%s depends on %s", root, dep)
				}
			}
		}
	}
}

// Each package says in its own comment what it may import, as the map
// above does: a reader of the package learns its layer there.
func TestEachPackageSaysWhatItMayImport(t *testing.T) {
	const none = "It imports none of the project's packages."
	only := regexp.MustCompile(`Of the project's packages it may import only ([a-z, ]+)\.`)
	for name, allowed := range mayImport {
		docs, err := parser.ParseDir(token.NewFileSet(), filepath.Join("..", name), func(fi fs.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		var doc string
		for _, p := range docs {
			for _, f := range p.Files {
				if f.Doc != nil {
					doc += strings.Join(strings.Fields(f.Doc.Text()), " ")
				}
			}
		}
		var said []string
		if m := only.FindStringSubmatch(doc); m != nil {
			said = strings.FieldsFunc(strings.ReplaceAll(m[1], " and ", ","), func(r rune) bool { return r == ',' || r == ' ' })
		} else if !strings.Contains(doc, none) {
			t.Errorf("%s's package comment does not say what it may import: end it with %q or %q", name, "Of the project's packages it may import only …", none)
			continue
		}
		if !slices.Equal(said, allowed) {
			t.Errorf("%s's package comment says it may import %v; the map says %v", name, said, allowed)
		}
	}
}
