package cms

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"centar/internal/staff"
	"centar/internal/workflow"
)

//go:embed admin
var adminFiles embed.FS

// Server is centar cms on one origin: the admin at /admin/, Decap's protocol
// at /api/v1 (the entries' preview among its actions) and, at every other
// address, the site's live preview.
//
// Without a Gate it is one person's editor on this computer: it answers
// only requests addressed to itself by name at 127.0.0.1 (no DNS
// rebinding) and coming from its own pages (no other site's script can
// drive it). With a Gate it is the Centre's CMS server: every route is
// behind the gate, for the signed-in staff only.
type Server struct {
	API *API
	// Decap is Decap CMS's dist folder, from npm.
	Decap fs.FS
	// Config makes Decap's configuration (as JSON), anew for every
	// request.
	Config func() ([]byte, error)
	// Site is the live preview of the site, nil for none.
	Site http.Handler
	// Port is the port the server listens on, on 127.0.0.1, without a
	// Gate.
	Port int
	// Gate, when set, lets only signed-in staff in.
	Gate *staff.Gate

	admin adminFileSet
}

// A Route is one address of the server, as http.ServeMux takes its
// pattern. Without a session an API route answers 401, and a page sends
// the browser to the sign-in.
type Route struct {
	Pattern string
	Handler http.Handler
	API     bool
}

// Routes are the server's routes, except the gate's own pages. Handler
// serves them all, and the tests ask each for a session.
func (s *Server) Routes() []Route {
	routes := []Route{
		{Pattern: "/api/v1", Handler: s.API, API: true},
		{Pattern: MediaPrefix, Handler: http.HandlerFunc(s.API.Media), API: true},
		{Pattern: "/admin/config.json", Handler: http.HandlerFunc(s.config), API: true},
		{Pattern: "/admin/", Handler: http.HandlerFunc(s.serveAdmin)},
		{Pattern: publicMedia, Handler: http.HandlerFunc(s.media)},
	}
	if s.Site != nil {
		routes = append(routes, Route{Pattern: "/", Handler: s.Site})
	}
	return routes
}

// adminCSP lets Decap run: its own scripts (one of its libraries compiles
// validators at run time), inline styles, images it makes from uploads, and
// requests to this server only. An upload is a blob: URL that Decap reads
// back with fetch, to send the file's bytes with the entry, to keep it in
// the entry's backup in the browser and to show it: connect-src, img-src
// and media-src allow blob: for that; img-src and font-src allow data:, in
// which Decap's own stylesheets carry small pictures and fonts.
const adminCSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self' blob:; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Handler is the server's HTTP handler. It starts compressing the admin's
// files at once, so that they are ready by the time a browser asks.
func (s *Server) Handler() http.Handler {
	go s.admin.load(s.Decap)
	mux := http.NewServeMux()
	for _, r := range s.Routes() {
		h := r.Handler
		if s.Gate != nil {
			h = s.Gate.Guard(h, r.API)
		}
		mux.Handle(r.Pattern, h)
	}
	if s.Gate == nil {
		return s.guard(mux)
	}
	for pattern, h := range s.Gate.Pages() {
		mux.Handle(pattern, h)
	}
	return mux
}

// config is Decap's configuration, made anew for every request from the
// site as it is: asked again every time, sent again only when it changed.
func (s *Server) config(w http.ResponseWriter, r *http.Request) {
	data, err := s.Config()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	newAsset("config.json", data, gzip.DefaultCompression).serve(w, r, revalidate)
}

// publicMedia is the address of the media folder on the site: static/slike
// is published at /slike/.
var publicMedia = strings.TrimPrefix(mediaFolder, "static") + "/"

// media answers an image's address on the site. Decap shows an image of an
// entry by that address, in the editor and in the preview pane (it takes a
// public_folder that starts with / for a public URL, and loads it instead of
// the file it holds), so an image saved with a draft, which is on the
// draft's branch only, must be found there; every other image is the site
// preview's.
func (s *Server) media(w http.ResponseWriter, r *http.Request) {
	if data, ok := s.API.draftMedia(r.Context(), mediaFolder+"/"+strings.TrimPrefix(r.URL.Path, publicMedia)); ok {
		serveMedia(w, r, r.URL.Path, data)
		return
	}
	if s.Site == nil {
		http.NotFound(w, r)
		return
	}
	s.Site.ServeHTTP(w, r)
}

// serveMedia sends a media file as a file, never as a page of the CMS's
// origin, whatever it holds: an image or a PDF by its name's type, anything
// else as a download, and under a policy that runs nothing. A file of a
// draft is anyone's upload until it is published.
func serveMedia(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	ctype := mime.TypeByExtension(strings.ToLower(path.Ext(name)))
	switch {
	case ctype == "application/pdf":
		// Chromium's PDF viewer does not open in a sandbox.
		h.Set("Content-Security-Policy", "default-src 'none'")
	case strings.HasPrefix(ctype, "image/"):
		h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox")
	default:
		ctype = "application/octet-stream"
		h.Set("Content-Disposition", "attachment")
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	}
	h.Set("Content-Type", ctype)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// Cache-Control of the admin's files. Decap's script is 5 MB: the browser
// keeps it for a year under an address that names its content
// (decap-cms.js?v=…), which the admin page gives; everything else is asked
// again every time, and sent again only when it changed (ETag).
const (
	keep       = "public, max-age=31536000, immutable"
	revalidate = "no-cache"
)

// serveAdmin serves the admin page, centar's extension of Decap, and
// Decap's own files, compressed when the browser takes gzip.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/admin/")
	if name == "" {
		name = "index.html"
	}
	w.Header().Set("Content-Security-Policy", adminCSP)
	if name == "warm.html" {
		// The admin frames it, and nothing else may.
		w.Header().Set("Content-Security-Policy", strings.Replace(adminCSP, "frame-ancestors 'none'", "frame-ancestors 'self'", 1))
		w.Header().Set("X-Frame-Options", "SAMEORIGIN")
	}
	s.admin.load(s.Decap)
	a, ok := s.admin.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	cache := revalidate
	if name == decapScript && r.URL.Query().Get("v") == a.version {
		cache = keep
	}
	a.serve(w, r, cache)
}

// decapScript is Decap CMS's script, which loads its other parts
// (N.decap-cms.js) from beside itself.
const decapScript = "decap-cms.js"

// adminFileSet is the admin's files, read and compressed once.
type adminFileSet struct {
	once  sync.Once
	files map[string]*asset
}

func (f *adminFileSet) load(decap fs.FS) {
	f.once.Do(func() {
		f.files = map[string]*asset{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		add := func(name string, data []byte) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := newAsset(name, data, gzip.BestCompression)
				mu.Lock()
				f.files[name] = a
				mu.Unlock()
			}()
		}
		var script []byte
		if decap != nil {
			entries, _ := fs.ReadDir(decap, ".")
			for _, e := range entries {
				if name := e.Name(); strings.HasSuffix(name, decapScript) {
					if data, err := fs.ReadFile(decap, name); err == nil {
						add(name, data)
						if name == decapScript {
							script = data
						}
					}
				}
			}
		}
		page, _ := adminFiles.ReadFile("admin/index.html")
		add("index.html", adminPage(page, script))
		extension, _ := adminFiles.ReadFile("admin/centar.js")
		add("centar.js", extension)
		warm, _ := adminFiles.ReadFile("admin/warm.html")
		add("warm.html", adminPage(warm, script))
		warmScript, _ := adminFiles.ReadFile("admin/warm.js")
		add("warm.js", warmScript)
		wg.Wait()
	})
}

// adminPage is the admin page asking for Decap's script by its content, so
// that a browser may keep it: decap-cms.js?v=<its hash>. Decap finds its
// other parts beside the script's address without the query.
func adminPage(page, script []byte) []byte {
	if script == nil {
		return page
	}
	return bytes.Replace(page, []byte(`src="`+decapScript+`"`), []byte(`src="`+decapScript+`?v=`+contentHash(script)+`"`), 1)
}

func contentHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// An asset is a file of the admin ready to send: as it is and gzipped.
type asset struct {
	name     string
	data, gz []byte // gz is nil when gzip would not make it smaller
	version  string // of data's content
}

func newAsset(name string, data []byte, level int) *asset {
	a := &asset{name: name, data: data, version: contentHash(data)}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, level)
	zw.Write(data)
	zw.Close()
	if b.Len() < len(data) {
		a.gz = b.Bytes()
	}
	return a
}

// serve sends the asset with Cache-Control cache, gzipped when the request
// takes it; a request that has it already (If-None-Match) gets 304.
func (a *asset) serve(w http.ResponseWriter, r *http.Request, cache string) {
	h := w.Header()
	h.Set("Cache-Control", cache)
	h.Set("Vary", "Accept-Encoding")
	ctype := mime.TypeByExtension(path.Ext(a.name))
	if ctype == "" {
		ctype = http.DetectContentType(a.data)
	}
	h.Set("Content-Type", ctype)
	body, tag := a.data, a.version
	if a.gz != nil && takesGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body, tag = a.gz, a.version+"-gzip"
	}
	h.Set("ETag", `"`+tag+`"`)
	if r.Header.Get("Range") == "" {
		// ServeContent leaves it out of an encoded body.
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// takesGzip reports whether the request's Accept-Encoding takes gzip.
func takesGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				continue
			}
		}
		if c := strings.ToLower(strings.TrimSpace(coding)); c == "gzip" || c == "*" {
			return true
		}
	}
	return false
}

// guard refuses a request addressed to another host name, or sent by
// another site's page.
func (s *Server) guard(next http.Handler) http.Handler {
	hosts := map[string]bool{}
	for _, h := range []string{"127.0.0.1", "localhost"} {
		hosts[net.JoinHostPort(h, fmt.Sprint(s.Port))] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hosts[r.Host] {
			http.Error(w, s.API.P.Sprintf("this server answers only at 127.0.0.1:%d", s.Port), http.StatusMisdirectedRequest)
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" && !hosts[strings.TrimPrefix(origin, "http://")] {
			http.Error(w, s.API.P.Sprintf("requests from other sites are refused"), http.StatusForbidden)
			return
		}
		if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			http.Error(w, s.API.P.Sprintf("requests from other sites are refused"), http.StatusForbidden)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// draftMedia is the file at site (static/slike/…) as the newest draft that
// adds or changes it has it, when the published site does not have it.
func (a *API) draftMedia(ctx context.Context, site string) ([]byte, bool) {
	if _, err := splitPath(site); err != nil || path.Dir(site) != mediaFolder {
		return nil, false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	repo, err := workflow.Open(ctx, a.Root)
	if err != nil {
		return nil, false
	}
	defer repo.Close()
	if main, err := repo.Main(); err != nil {
		return nil, false
	} else if _, err := repo.ReadFile(main, site); err == nil {
		return nil, false // published: the site preview has it
	}
	keys, err := repo.Drafts()
	if err != nil {
		return nil, false
	}
	var newest time.Time
	var data []byte
	for _, k := range keys {
		tip, changes, err := repo.Draft(k)
		if err != nil || changes[site].IsZero() || !tip.Committer.When.After(newest) {
			continue
		}
		if b, err := repo.ReadFile(tip, site); err == nil {
			newest, data = tip.Committer.When, b
		}
	}
	return data, data != nil
}
