package workflow

import (
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"
)

// history builds commits in an in-memory repository, a minute apart.
type history struct {
	t    *testing.T
	repo *Repo
	when time.Time
}

func newHistory(t *testing.T) *history {
	g, err := git.Init(memory.NewStorage(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return &history{t: t, repo: &Repo{Git: g, Now: time.Now}, when: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
}

// commit makes a commit on parents (the first gives the files) that sets
// each file in change to its content, or deletes it for "". A merge's
// change is what the merge brought from its other parents.
func (h *history) commit(msg string, change map[string]string, parents ...*object.Commit) *object.Commit {
	h.t.Helper()
	files := map[string]entry{}
	if len(parents) > 0 {
		var err error
		if files, err = flatten(parents[0]); err != nil {
			h.t.Fatal(err)
		}
	}
	for p, body := range change {
		if body == "" {
			delete(files, p)
			continue
		}
		hash, err := storeBlob(h.repo.Git.Storer, []byte(body))
		if err != nil {
			h.t.Fatal(err)
		}
		files[p] = entry{hash, filemode.Regular}
	}
	tree, err := writeTree(h.repo.Git.Storer, files)
	if err != nil {
		h.t.Fatal(err)
	}
	h.when = h.when.Add(time.Minute)
	sig := object.Signature{Name: "Ana", Email: "ana@example.org", When: h.when}
	c := &object.Commit{Author: sig, Committer: sig, Message: msg, TreeHash: tree}
	for _, p := range parents {
		c.ParentHashes = append(c.ParentHashes, p.Hash)
	}
	hash, err := storeCommit(h.repo.Git.Storer, c)
	if err != nil {
		h.t.Fatal(err)
	}
	out, err := h.repo.Git.CommitObject(hash)
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

// files reads a commit's files as path → content.
func (h *history) files(c *object.Commit) map[string]string {
	h.t.Helper()
	out := map[string]string{}
	flat, err := flatten(c)
	if err != nil {
		h.t.Fatal(err)
	}
	for p, e := range flat {
		b, err := h.repo.blobBytes(e.hash)
		if err != nil {
			h.t.Fatal(err)
		}
		out[p] = string(b)
	}
	return out
}

// meet plans and, with take-theirs semantics for the conflicts, rebuilds
// local on remote, as Sync does; it returns the new tip's files, the
// conflicts and the plan.
func (h *history) meet(local, remote, seen *object.Commit, takeTheirs bool) (map[string]string, []conflict, *plan, error) {
	h.t.Helper()
	p, err := makePlan(local, remote, seen)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(p.mine) == 0 {
		return h.files(remote), nil, p, nil
	}
	cs, merged, err := h.repo.meet(p.base, local, remote)
	if err != nil {
		h.t.Fatal(err)
	}
	skip := map[string]bool{}
	var renamed []conflict
	for _, c := range cs {
		if !takeTheirs {
			return nil, cs, p, nil
		}
		skip[c.Path] = true
		if c.RenamedTo != "" {
			renamed = append(renamed, c)
		}
	}
	tip, err := h.repo.rebuild(p, skip, merged, renamed)
	if err != nil {
		h.t.Fatal(err)
	}
	return h.files(tip), cs, p, nil
}

func paths(cs []conflict) string {
	var out []string
	for _, c := range cs {
		s := c.Path
		if c.RenamedTo != "" {
			s += "→" + c.RenamedTo
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func TestReplay(t *testing.T) {
	cases := []struct {
		name string
		// build returns local, remote and what the folder last saw of the
		// server.
		build          func(h *history) (local, remote, seen *object.Commit)
		takeTheirs     bool
		want           map[string]string // the result's files that matter; "" = absent
		wantConflicts  string
		wantLinear     bool
		wantRewritten  bool
		wantRemovedMsg string
		wantErr        error
	}{
		{
			name: "different files on both sides",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"a.md": "a0", "b.md": "b0"})
				remote := h.commit("B", map[string]string{"b.md": "b1"}, base)
				l1 := h.commit("A1", map[string]string{"a.md": "a1"}, base)
				l2 := h.commit("A2", map[string]string{"c.md": "c1"}, l1)
				return l2, remote, base
			},
			want:       map[string]string{"a.md": "a1", "b.md": "b1", "c.md": "c1"},
			wantLinear: true,
		},
		{
			name: "the same file on both sides stops",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"a.md": "a0"})
				remote := h.commit("B", map[string]string{"a.md": "b"}, base)
				return h.commit("A", map[string]string{"a.md": "a"}, base), remote, base
			},
			wantConflicts: "a.md",
			wantLinear:    true,
		},
		{
			name: "different paragraphs of one page merge, over several commits",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"p.md": "---\ntitle: P\n---\nA.\n\nB.\n\nC.\n", "g.md": "g0"})
				remote := h.commit("B", map[string]string{"p.md": "---\ntitle: P\n---\nA.\n\nB.\n\nBoris.\n"}, base)
				l1 := h.commit("A1", map[string]string{"p.md": "---\ntitle: P\n---\nAna.\n\nB.\n\nC.\n", "g.md": "g1"}, base)
				l2 := h.commit("A2", map[string]string{"p.md": "---\ntitle: Pomoć\n---\nAna.\n\nB.\n\nC.\n"}, l1)
				return l2, remote, base
			},
			want:       map[string]string{"p.md": "---\ntitle: Pomoć\n---\nAna.\n\nB.\n\nBoris.\n", "g.md": "g1"},
			wantLinear: true,
		},
		{
			name: "take-theirs over several commits",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"f.md": "f0", "g.md": "g0", "h.md": "h0"})
				remote := h.commit("B", map[string]string{"f.md": "theirs"}, base)
				l1 := h.commit("A1", map[string]string{"f.md": "mine1", "g.md": "g1"}, base)
				l2 := h.commit("A2", map[string]string{"f.md": "mine2", "h.md": "h1"}, l1)
				return l2, remote, base
			},
			takeTheirs:    true,
			want:          map[string]string{"f.md": "theirs", "g.md": "g1", "h.md": "h1"},
			wantConflicts: "f.md",
			wantLinear:    true,
		},
		{
			name: "deleted here, changed there: theirs wins",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"f.md": "f0", "g.md": "g0"})
				remote := h.commit("B", map[string]string{"f.md": "f1"}, base)
				return h.commit("A", map[string]string{"f.md": ""}, base), remote, base
			},
			takeTheirs:    true,
			want:          map[string]string{"f.md": "f1"},
			wantConflicts: "f.md",
			wantLinear:    true,
		},
		{
			name: "renamed here, changed there: one page, under the new name, with their text",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				page := "---\ntitle: Обука у Нишу\n---\nЧланови локалних тимова похађали су обуку о стандардним процедурама.\n"
				base := h.commit("seed", map[string]string{"content/sr/vesti/obuka.md": page})
				remote := h.commit("B", map[string]string{"content/sr/vesti/obuka.md": page + "Додатак уредника Б.\n"}, base)
				local := h.commit("A", map[string]string{"content/sr/vesti/obuka.md": "", "content/sr/vesti/obuka-u-nisu.md": page}, base)
				return local, remote, base
			},
			takeTheirs: true,
			want: map[string]string{
				"content/sr/vesti/obuka.md":        "",
				"content/sr/vesti/obuka-u-nisu.md": "---\ntitle: Обука у Нишу\n---\nЧланови локалних тимова похађали су обуку о стандардним процедурама.\nДодатак уредника Б.\n",
			},
			wantConflicts: "content/sr/vesti/obuka.md→content/sr/vesti/obuka-u-nisu.md",
			wantLinear:    true,
		},
		{
			// Someone ran git pull: the branch holds a merge of an older
			// published state. The server's newer version must win.
			name: "a merge commit never brings back an older version",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"f.md": "f0", "g.md": "g0"})
				r1 := h.commit("B1", map[string]string{"f.md": "f1"}, base)
				l1 := h.commit("A1", map[string]string{"g.md": "g1"}, base)
				merge := h.commit("Merge", map[string]string{"f.md": "f1"}, l1, r1)
				r2 := h.commit("B2", map[string]string{"f.md": "f2"}, r1)
				return merge, r2, base
			},
			want: map[string]string{"f.md": "f2", "g.md": "g1"},
		},
		{
			name: "a merge commit whose merged side changed the same file stops",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"f.md": "f0"})
				r1 := h.commit("B1", map[string]string{"f.md": "f1"}, base)
				l1 := h.commit("A1", map[string]string{"f.md": "mine"}, base)
				merge := h.commit("Merge", map[string]string{"f.md": "mine and f1"}, l1, r1)
				r2 := h.commit("B2", map[string]string{"f.md": "f2"}, r1)
				return merge, r2, base
			},
			wantConflicts: "f.md",
		},
		{
			// An administrator removed a published commit (reset --hard,
			// push -f). The editor had it; it must not come back.
			name: "a removal by force-push stays removed",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"a.md": "a0"})
				x := h.commit("Вест са именом жртве", map[string]string{"x.md": "ime"}, base)
				local := h.commit("A", map[string]string{"a.md": "a1"}, x)
				return local, base, x
			},
			want:           map[string]string{"a.md": "a1", "x.md": ""},
			wantLinear:     true,
			wantRewritten:  true,
			wantRemovedMsg: "Вест са именом жртве",
		},
		{
			name: "a force-push and new work after it",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"a.md": "a0", "b.md": "b0"})
				x := h.commit("X", map[string]string{"x.md": "ime"}, base)
				remote := h.commit("B", map[string]string{"b.md": "b1"}, base)
				return x, remote, x
			},
			want:           map[string]string{"a.md": "a0", "b.md": "b1", "x.md": ""},
			wantRewritten:  true,
			wantRemovedMsg: "X",
		},
		{
			name: "editing what the force-push removed stops",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"a.md": "a0"})
				x := h.commit("X", map[string]string{"x.md": "ime"}, base)
				local := h.commit("A", map[string]string{"x.md": "ime, dopunjeno"}, x)
				return local, base, x
			},
			wantConflicts:  "x.md",
			wantLinear:     true,
			wantRewritten:  true,
			wantRemovedMsg: "X",
		},
		{
			name: "nothing in common",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				return h.commit("mine", map[string]string{"a.md": "a"}), h.commit("theirs", map[string]string{"b.md": "b"}), nil
			},
			wantErr: ErrUnrelated,
		},
		{
			name: "a branch that does not hold what was seen, after a rewrite",
			build: func(h *history) (*object.Commit, *object.Commit, *object.Commit) {
				base := h.commit("seed", map[string]string{"a.md": "a0"})
				x := h.commit("X", map[string]string{"x.md": "ime"}, base)
				local := h.commit("A", map[string]string{"a.md": "a1"}, base)
				remote := h.commit("B", map[string]string{"b.md": "b"}, base)
				return local, remote, x
			},
			wantErr: ErrTangled,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHistory(t)
			local, remote, seen := c.build(h)
			got, cs, p, err := h.meet(local, remote, seen, c.takeTheirs)
			if c.wantErr != nil || err != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("error %v, want %v", err, c.wantErr)
				}
				return
			}
			if paths(cs) != c.wantConflicts {
				t.Errorf("conflicts %q, want %q", paths(cs), c.wantConflicts)
			}
			if len(p.mine) > 0 && p.linear != c.wantLinear {
				t.Errorf("linear = %v", p.linear)
			}
			if p.rewritten != c.wantRewritten {
				t.Errorf("rewritten = %v", p.rewritten)
			}
			if c.wantRemovedMsg != "" && (len(p.removed) != 1 || p.removed[0].Message != c.wantRemovedMsg) {
				t.Errorf("removed %v", p.removed)
			}
			for path, want := range c.want {
				if got[path] != want {
					t.Errorf("%s = %q, want %q", path, got[path], want)
				}
			}
		})
	}
}

// The editor's commits keep their authors and messages, in order, on top of
// the server's.
func TestReplayKeepsAuthorsAndOrder(t *testing.T) {
	h := newHistory(t)
	base := h.commit("seed", map[string]string{"a.md": "a0"})
	remote := h.commit("B", map[string]string{"b.md": "b1"}, base)
	l1 := h.commit("Прва измена", map[string]string{"a.md": "a1"}, base)
	l2 := h.commit("Друга измена", map[string]string{"c.md": "c1"}, l1)
	p, err := makePlan(l2, remote, base)
	if err != nil {
		t.Fatal(err)
	}
	tip, err := h.repo.rebuild(p, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for c := tip; c.Hash != remote.Hash; {
		msgs = append(msgs, c.Message+"/"+c.Author.Name)
		if c, err = c.Parent(0); err != nil {
			t.Fatal(err)
		}
	}
	if got := strings.Join(msgs, ", "); got != "Друга измена/Ana, Прва измена/Ana" {
		t.Errorf("replayed %s", got)
	}
}

// unpublished finds the editor's commits however long the shared history.
func TestUnpublishedStopsAtTheSharedHistory(t *testing.T) {
	h := newHistory(t)
	c := h.commit("seed", map[string]string{"a.md": "0"})
	for i := range 200 {
		c = h.commit("published", map[string]string{"a.md": strings.Repeat("x", i+1)}, c)
	}
	remote := h.commit("B", map[string]string{"b.md": "b"}, c)
	mine := h.commit("A", map[string]string{"c.md": "c"}, c)
	got, err := unpublished(mine, remote)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Hash != mine.Hash {
		t.Errorf("unpublished = %d commits", len(got))
	}
}
