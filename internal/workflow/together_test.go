package workflow

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"

	"centar/internal/check"
	"centar/internal/msg"
	"centar/internal/testsite"
)

// What colleagues working on one site at once are promised: nobody's
// published work is undone or lost, whatever the others did meanwhile. The
// command line's own words about it are tested in internal/cli.

// A desk is an editor's clone of the site, worked on through this package
// as the command line and the web CMS work on it.
type desk struct {
	t         *testing.T
	name, dir string
}

func newDesk(t *testing.T, name, url string) *desk {
	t.Helper()
	return &desk{t: t, name: name, dir: testsite.Clone(t, url, name)}
}

func (d *desk) write(rel, body string) {
	d.t.Helper()
	testsite.Write(d.t, d.dir, map[string]string{rel: body})
}

// with opens the desk's repository for one use, as one command does.
func (d *desk) with(use func(r *Repo) error) error {
	d.t.Helper()
	r, err := Open(context.Background(), d.dir)
	if err != nil {
		d.t.Fatalf("%s: opening the folder: %v", d.name, err)
	}
	defer r.Close()
	return use(r)
}

var checkOptions = check.Options{P: msg.Printer(msg.English)}

func (d *desk) publish(message string) (*PublishResult, error) {
	d.t.Helper()
	var res *PublishResult
	err := d.with(func(r *Repo) (err error) {
		res, err = r.Publish(context.Background(), PublishOptions{Message: message, Check: checkOptions})
		return err
	})
	return res, err
}

func (d *desk) mustPublish(message string) {
	d.t.Helper()
	if _, err := d.publish(message); err != nil {
		d.t.Fatalf("%s publishing %q: %v", d.name, message, err)
	}
}

func (d *desk) save(message string) {
	d.t.Helper()
	err := d.with(func(r *Repo) error {
		_, err := r.SaveAll(SaveOptions{Message: message, Check: checkOptions})
		return err
	})
	if err != nil {
		d.t.Fatalf("%s saving %q: %v", d.name, message, err)
	}
}

func (d *desk) sync(o SyncOptions) (Outcome, error) {
	d.t.Helper()
	var out Outcome
	err := d.with(func(r *Repo) (err error) {
		out, err = r.Sync(context.Background(), o)
		return err
	})
	return out, err
}

const (
	prva    = "content/sr/vesti/prva.md"
	druga   = "content/sr/vesti/druga.md"
	editedA = "---\ntitle: Прва вест\ndate: 2024-05-31\n---\nТекст уредника А.\n"
	editedB = "---\ntitle: Прва вест\ndate: 2024-05-31\n---\nТекст уредника Б.\n"
)

// transports runs a test over a file remote and over HTTP through git's own
// http-backend.
func transports(t *testing.T, test func(t *testing.T, url, bare string)) {
	t.Run("file", func(t *testing.T) {
		_, bare := testsite.Server(t, testsite.Small)
		test(t, bare, bare)
	})
	t.Run("http", func(t *testing.T) {
		root, bare := testsite.Server(t, testsite.Small)
		srv := testsite.NewGitServer(t, root)
		test(t, srv.URL+"/centar/sajt.git", bare)
	})
}

func TestEditorsOnDifferentFilesBothLand(t *testing.T) {
	transports(t, func(t *testing.T, url, bare string) {
		a, b := newDesk(t, "Ana", url), newDesk(t, "Boris", url)
		a.write(prva, editedA)
		a.mustPublish("А мења прву")
		// Boris is behind and changes another file.
		borisova := "---\ntitle: Друга вест\ndate: 2024-06-01\n---\nБорисов текст.\n"
		b.write(druga, borisova)
		b.mustPublish("Б мења другу")
		testsite.BranchHas(t, bare, map[string]string{prva: editedA, druga: borisova})
		testsite.Has(t, b.dir, map[string]string{prva: editedA})
		testsite.Verify(t, bare)
	})
}

// Two editors who change different paragraphs of one page both publish:
// their changes merge, with no question asked.
func TestEditorsOnDifferentParagraphsOfOnePageBothLand(t *testing.T) {
	transports(t, func(t *testing.T, url, bare string) {
		page := "---\ntitle: Прва вест\ndate: 2024-05-31\n---\nПрви пасус.\n\nДруги пасус.\n\nТрећи пасус.\n"
		a := newDesk(t, "Ana", url)
		a.write(prva, page)
		a.mustPublish("Три пасуса")
		b := newDesk(t, "Boris", url)
		b.write(prva, strings.Replace(page, "Трећи", "Борисов трећи", 1))
		b.mustPublish("Б мења трећи пасус")
		a.write(prva, strings.Replace(strings.Replace(page, "Први", "Анин први", 1), "title: Прва вест", "title: Прва вест, измењена", 1))
		res, err := a.publish("А мења наслов и први пасус")
		if err != nil {
			t.Fatal(err)
		}
		if res.Sync.Result != Replayed {
			t.Errorf("Ana's publish met Boris's as %v, want it replayed on his", res.Sync.Result)
		}
		want := "---\ntitle: Прва вест, измењена\ndate: 2024-05-31\n---\nАнин први пасус.\n\nДруги пасус.\n\nБорисов трећи пасус.\n"
		testsite.BranchHas(t, bare, map[string]string{prva: want})
		testsite.Has(t, a.dir, map[string]string{prva: want, prva + ".moja-verzija": ""})
		testsite.Verify(t, bare)
	})
}

// Two editors who change the same line: the second is stopped, and nothing
// is lost on either side.
func TestTheSameLineChangedTwiceStopsTheSecond(t *testing.T) {
	_, bare := testsite.Server(t, testsite.Small)
	a, b := newDesk(t, "Ana", bare), newDesk(t, "Boris", bare)
	b.write(prva, editedB)
	b.mustPublish("Б мења прву")
	a.write(prva, editedA)
	_, err := a.publish("А мења прву")
	var conflict *ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("publishing over Boris's line: %v, want a conflict", err)
	}
	if len(conflict.Conflicts) != 1 || conflict.Conflicts[0].Path != prva || conflict.Conflicts[0].Copy != prva+".moja-verzija" {
		t.Errorf("the conflict is %+v", conflict.Conflicts)
	}
	testsite.BranchHas(t, bare, map[string]string{prva: editedB})
	testsite.Has(t, a.dir, map[string]string{prva: editedA, prva + ".moja-verzija": editedA})
	if got, ok := testsite.File(t, a.dir, conflict.Branch, prva); !ok || got != editedA {
		t.Errorf("the branch %s holds %q", conflict.Branch, got)
	}
}

// Someone publishes in the instant between the editor's sync and push: the
// server refuses the ref update, and publish takes their work and tries again.
func TestARaceWithAnotherPublishIsRetried(t *testing.T) {
	root, bare := testsite.Server(t, testsite.Small)
	srv := testsite.NewGitServer(t, root)
	a := newDesk(t, "Ana", srv.URL+"/centar/sajt.git")
	racer := "---\ntitle: Трка\ndate: 2024-06-06\n---\nОбјављено у истом тренутку.\n"
	race := func() { testsite.Publish(t, bare, map[string]string{"content/sr/vesti/trka.md": racer}) }
	srv.BeforePush.Store(&race)
	a.write(prva, editedA)
	a.mustPublish("А мења прву")
	if srv.BeforePush.Load() != nil {
		t.Fatal("the race did not happen")
	}
	testsite.BranchHas(t, bare, map[string]string{prva: editedA, "content/sr/vesti/trka.md": racer})
	testsite.Verify(t, bare)
}

// A server that dies in the middle of a push changes nothing there, and
// the next publish sends the work whole.
func TestInterruptedPushIsRetriedWithoutLoss(t *testing.T) {
	root, bare := testsite.Server(t, testsite.Small)
	srv := testsite.NewGitServer(t, root)
	a := newDesk(t, "Ana", srv.URL+"/centar/sajt.git")
	a.write(prva, editedA)
	srv.DieOnPush.Store(true)
	_, err := a.publish("Прекинуто слање")
	var network *NetworkError
	if !errors.As(err, &network) {
		t.Fatalf("publish to a dying server: %v, want a network error", err)
	}
	testsite.Verify(t, bare)
	testsite.BranchHas(t, bare, map[string]string{prva: testsite.Small[prva]})
	testsite.Has(t, a.dir, map[string]string{prva: editedA})

	a.mustPublish("Поново")
	testsite.Verify(t, bare)
	testsite.BranchHas(t, bare, map[string]string{prva: editedA})
}

// Someone ran git pull in the editor's folder: the branch holds a merge.
// The server's newer version of a file must stay.
func TestAMergeByHandRevertsNothing(t *testing.T) {
	gitBin := testsite.NeedTool(t, "git", "git")
	_, bare := testsite.Server(t, testsite.Small)
	a, b := newDesk(t, "Ana", bare), newDesk(t, "Boris", bare)
	anina := "---\ntitle: Друга вест\ndate: 2024-06-01\n---\nАна мења другу.\n"
	a.write(druga, anina)
	a.save("Ана мења другу")
	b.write(prva, editedB)
	b.mustPublish("Б1")
	pull := exec.Command(gitBin, "-C", a.dir, "pull", "--no-rebase", "--no-edit", "origin", "main")
	pull.Env = append(os.Environ(), "HOME="+t.TempDir(), "GIT_AUTHOR_NAME=Ana", "GIT_AUTHOR_EMAIL=ana@example.org", "GIT_COMMITTER_NAME=Ana", "GIT_COMMITTER_EMAIL=ana@example.org")
	if out, err := pull.CombinedOutput(); err != nil {
		t.Fatalf("git pull: %v\n%s", err, out)
	}
	newer := "---\ntitle: Прва вест\ndate: 2024-05-31\n---\nНовија Борисова верзија.\n"
	b.write(prva, newer)
	b.mustPublish("Б2")
	a.mustPublish("А шаље другу")
	testsite.BranchHas(t, bare, map[string]string{prva: newer, druga: anina})
	testsite.Has(t, a.dir, map[string]string{prva: newer})
}

// A page taken down on the server (its commit removed) does not come back
// with the next publish of anyone who had it.
func TestARemovalOnTheServerIsNotUndone(t *testing.T) {
	_, bare := testsite.Server(t, testsite.Small)
	a, b := newDesk(t, "Ana", bare), newDesk(t, "Boris", bare)
	ime := "content/sr/vesti/ime.md"
	b.write(ime, "---\ntitle: Вест са именом\ndate: 2024-06-05\n---\nИме које не сме бити објављено.\n")
	b.mustPublish("Вест са именом")
	if _, err := a.sync(SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	testsite.Rewind(t, bare)

	anina := "---\ntitle: Друга вест\ndate: 2024-06-01\n---\nАна мења другу.\n"
	a.write(druga, anina)
	_, err := a.publish("Друга")
	var rewritten *RewrittenError
	if !errors.As(err, &rewritten) {
		t.Fatalf("publishing over a removal: %v, want it refused", err)
	}
	testsite.BranchHas(t, bare, map[string]string{ime: "", druga: testsite.Small[druga]})

	out, err := a.sync(SyncOptions{AcceptRemoval: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Removed) != 1 {
		t.Errorf("sync says %d publications were removed, want 1", len(out.Removed))
	}
	testsite.Has(t, a.dir, map[string]string{ime: "", druga: anina})
	a.mustPublish("Друга")
	testsite.BranchHas(t, bare, map[string]string{ime: "", druga: anina})

	// Boris, who published it, cannot bring it back either.
	b.write(prva, editedB)
	if _, err := b.publish("Б мења прву"); !errors.As(err, &rewritten) {
		t.Fatalf("Boris's publish over the removal: %v, want it refused", err)
	}
	if _, err := b.sync(SyncOptions{AcceptRemoval: true}); err != nil {
		t.Fatal(err)
	}
	b.mustPublish("Б мења прву")
	testsite.BranchHas(t, bare, map[string]string{ime: "", prva: editedB, druga: anina})
	testsite.Verify(t, bare)
}

// An editor renames a page a colleague changed meanwhile: taking the
// colleague's version puts it under the new name, and the editor's version
// is kept beside it.
func TestARenameMeetsAColleaguesEdit(t *testing.T) {
	_, bare := testsite.Server(t, testsite.Small)
	a, b := newDesk(t, "Ana", bare), newDesk(t, "Boris", bare)
	b.write(prva, editedB)
	b.mustPublish("Б мења прву")
	renamed := "content/sr/vesti/prva-vest.md"
	if err := os.Rename(filepath.Join(a.dir, prva), filepath.Join(a.dir, renamed)); err != nil {
		t.Fatal(err)
	}
	_, err := a.publish("Преименовање")
	var conflict *ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("publishing the rename: %v, want a conflict", err)
	}
	if len(conflict.Conflicts) != 1 || conflict.Conflicts[0].RenamedTo != renamed {
		t.Errorf("the conflict is %+v, want %s renamed to %s", conflict.Conflicts, prva, renamed)
	}
	if _, err := a.sync(SyncOptions{TakeTheirs: true}); err != nil {
		t.Fatal(err)
	}
	testsite.Has(t, a.dir, map[string]string{prva: "", renamed: editedB, renamed + ".moja-verzija": testsite.Small[prva]})
	os.Remove(filepath.Join(a.dir, renamed+".moja-verzija"))
	a.mustPublish("Преименовање")
	testsite.BranchHas(t, bare, map[string]string{prva: "", renamed: editedB})
}

// save commits the editor's content, not whatever else git has staged.
func TestSaveLeavesOtherStagedFilesAlone(t *testing.T) {
	_, bare := testsite.Server(t, testsite.Small)
	a := newDesk(t, "Ana", bare)
	a.write("hugo.toml", "title = \"промењено\"\n")
	r, _ := git.PlainOpen(a.dir)
	wt, _ := r.Worktree()
	if _, err := wt.Add("hugo.toml"); err != nil {
		t.Fatal(err)
	}
	a.write(prva, editedA)
	a.save("Прва")
	if got, _ := testsite.File(t, a.dir, "main", "hugo.toml"); got != testsite.Small["hugo.toml"] {
		t.Errorf("save committed the staged hugo.toml: %q", got)
	}
	if got, _ := testsite.File(t, a.dir, "main", prva); got != editedA {
		t.Errorf("save did not commit the page: %q", got)
	}
	st, _ := wt.Status()
	if st.File("hugo.toml").Staging != git.Modified {
		t.Errorf("hugo.toml is no longer staged: %v", st.File("hugo.toml"))
	}
}
