package cms

import (
	"embed"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

//go:embed admin
var adminFiles embed.FS

// Server is centar cms on one origin: the admin at /admin/, Decap's protocol
// at /api/v1, the two-script preview at /api/preview and, at every other
// address, the site's live preview. It answers only requests addressed to
// itself by name (no DNS rebinding) and coming from its own pages (no other
// site's script can drive it).
type Server struct {
	API *API
	// Decap is Decap CMS's dist folder, from npm.
	Decap fs.FS
	// Config makes Decap's configuration (as JSON), anew for every
	// request.
	Config func() ([]byte, error)
	// Site is the live preview of the site, nil for none.
	Site http.Handler
	// Port is the port the server listens on, on 127.0.0.1.
	Port int
}

// adminCSP lets Decap run: its own scripts (one of its libraries compiles
// validators at run time), inline styles, images it makes from uploads, and
// requests to this server only.
const adminCSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Handler is the server's HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/v1", s.API)
	mux.HandleFunc("/api/preview", s.API.Preview)
	mux.HandleFunc(MediaPrefix, s.API.Media)
	mux.HandleFunc("/admin/config.json", func(w http.ResponseWriter, r *http.Request) {
		data, err := s.Config()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(data)
	})
	mux.HandleFunc("/admin/", s.admin)
	if s.Site != nil {
		mux.Handle("/", s.Site)
	}
	return s.guard(mux)
}

// admin serves the admin page, centar's extension of Decap, and Decap's own
// files.
func (s *Server) admin(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/admin/")
	w.Header().Set("Content-Security-Policy", adminCSP)
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case name == "" || name == "index.html":
		http.ServeFileFS(w, r, adminFiles, "admin/index.html")
	case name == "centar.js":
		http.ServeFileFS(w, r, adminFiles, "admin/centar.js")
	case path.Base(name) == name && strings.Contains(name, "decap-cms.js"):
		w.Header().Set("Cache-Control", "public, max-age=3600")
		http.ServeFileFS(w, r, s.Decap, name)
	default:
		http.NotFound(w, r)
	}
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

// WriteAdmin puts the web CMS into a built site at public/admin/, for a host
// that serves it beside the site: Decap CMS from the site's node_modules, the
// admin page, centar's extension and config.json for the backend b.
func WriteAdmin(public, root string, b Backend) error {
	dist := filepath.Join(root, "node_modules", "decap-cms", "dist")
	entries, err := os.ReadDir(dist)
	if err != nil {
		return fmt.Errorf("Decap CMS is not installed (run npm ci): %w", err)
	}
	dir := filepath.Join(public, "admin")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		if name := e.Name(); strings.HasSuffix(name, "decap-cms.js") {
			data, err := os.ReadFile(filepath.Join(dist, name))
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				return err
			}
		}
	}
	for _, name := range []string{"index.html", "centar.js"} {
		data, err := adminFiles.ReadFile("admin/" + name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	config, err := Config(root, nil, b, "json")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "config.json"), config, 0o644)
}
