package build

// The preview's front serves the live preview at the addresses the site is
// published at and with the headers it is published with. Hugo's server,
// rendering into memory behind it, knows neither: it answers the Latin home
// page at /sr-latn/, sends no Content-Security-Policy, and links pages as
// Hugo names them.

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/text/message"

	"centar/internal/netlify"
)

// maxPage bounds a page read whole to have its links rewritten.
const maxPage = 32 << 20

// published returns a handler that serves the site Hugo's server at hugo renders,
// as the published site: at its published addresses (a page missing there
// gets its language's "not found" page, with status 404), with the headers
// of config, and with its links pointing at the published addresses.
// p says, in the editor's language, that Hugo's server is not up yet.
func published(hugo *url.URL, config *netlify.Config, p *message.Printer) http.Handler {
	return &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(hugo)
			// Hugo's live reload accepts a web socket only from a page
			// of the host it is asked at: the reader's.
			r.Out.Host = r.In.Host
			// Pages are rewritten: ask for them uncompressed.
			r.Out.Header.Del("Accept-Encoding")
		},
		Transport: &asPublished{next: http.DefaultTransport, config: config},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			http.Error(w, p.Sprintf("the site's preview is not ready yet; reload the page in a moment"), http.StatusBadGateway)
		},
	}
}

// asPublished asks Hugo's server for what the published site would answer.
type asPublished struct {
	next   http.RoundTripper
	config *netlify.Config
}

func (t *asPublished) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Upgrade") != "" {
		return t.next.RoundTrip(req) // the live reload's web socket
	}
	urlPath := req.URL.Path
	resp, err := t.get(req, urlPath)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		resp.Body.Close()
		if resp, err = t.get(req, t.config.NotFoundPage(urlPath)); err != nil {
			return nil, err
		}
		resp.StatusCode, resp.Status = http.StatusNotFound, "404 Not Found"
	}
	t.config.SetHeaders(resp.Header, urlPath)
	return resp, rewriteLinks(resp)
}

// get asks for the page published at urlPath, where Hugo's server has it.
func (t *asPublished) get(req *http.Request, urlPath string) (*http.Response, error) {
	resp, err := t.next.RoundTrip(at(req, urlPath))
	if err != nil || resp.StatusCode != http.StatusNotFound {
		return resp, err
	}
	hugoPath, moved := HugoPath(urlPath)
	if !moved {
		return resp, nil
	}
	resp.Body.Close()
	return t.next.RoundTrip(at(req, hugoPath))
}

func at(req *http.Request, urlPath string) *http.Request {
	r := req.Clone(req.Context())
	r.URL.Path, r.URL.RawPath = urlPath, ""
	return r
}

// rewriteLinks points a text response's links at the published addresses.
func rewriteLinks(resp *http.Response) error {
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if !strings.HasPrefix(mediaType, "text/") && !strings.Contains(mediaType, "xml") && !strings.Contains(mediaType, "json") {
		return nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPage+1))
	resp.Body.Close()
	if err != nil {
		return err
	}
	if len(body) > maxPage {
		return fmt.Errorf("%s is over %d MB", resp.Request.URL.Path, maxPage>>20)
	}
	body = PublishedLinks(body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return nil
}
