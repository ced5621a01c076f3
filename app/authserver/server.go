package authserver

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/password"
)

// Config configures a Server. Store and SigningKeys are required.
type Config struct {
	Store Store
	// SigningKeys holds the ECDSA P-256 or Ed25519 private keys. The first
	// signs; all of them verify and are published, so keys can rotate.
	SigningKeys []*keys.Key
	// Issuer is the iss of issued tokens. When empty, the request's origin
	// is used.
	Issuer string
	// Audience is the aud of issued tokens. Defaults to "authlab".
	Audience string
	// AccessTTL is the lifetime of access tokens. Defaults to 15 minutes.
	AccessTTL time.Duration
	// Passwords hashes passwords. The zero value uses crypto/pbkdf2.
	Passwords *password.Hasher
	// Now is the clock. Defaults to time.Now.
	Now func() time.Time
	// Rand is the randomness for token ids. Defaults to crypto/rand.
	Rand io.Reader
	// Realm names the protection space in challenges (RFC 7235 §2.2).
	Realm string
	// RefreshTTL is the lifetime of refresh tokens. Defaults to 30 days.
	RefreshTTL time.Duration
	// SessionTTL is the lifetime of cookie sessions. Defaults to 8 hours.
	SessionTTL time.Duration
	// DailyQuota is the default number of requests per API key per UTC
	// day. Defaults to 100.
	DailyQuota int
	// AllowedOrigins lists the origins that may call the API from a
	// browser (CORS), such as a separately hosted copy of the pages.
	AllowedOrigins []string
	// Login throttling: at most LoginFailuresPerAccount failed logins per
	// account and client, and LoginFailuresPerClient per client, in each
	// LoginWindow. Defaults: 5, 50 and 15 minutes. An attempt counts from
	// before its password is checked until it succeeds.
	LoginFailuresPerAccount int
	LoginFailuresPerClient  int
	LoginWindow             time.Duration
	// ClientAddr gives the address of the client that sent a request,
	// which the throttles count by. The main chooses it by how clients
	// reach the server: ConnectionAddr when they connect to it directly
	// (the default), CloudflareAddr when they come through Cloudflare's
	// edge.
	ClientAddr func(*http.Request) string
	// OAuthRedirectURIs are extra redirect URIs of the built-in clients,
	// such as a separately hosted copy of the pages' /oauth/callback.
	OAuthRedirectURIs []string
	// DemoClientSecret is the authlab-demo client's secret. Defaults to
	// DefaultDemoClientSecret, which is public: it is a demo.
	DemoClientSecret string
}

// Server is the demo auth server.
type Server struct {
	cfg   Config
	exact map[routeKey]http.HandlerFunc // the routes without wildcards
	// apiSegments are the first path segments of the routes: a 404 under
	// one of them is the API's, never the site's page.
	apiSegments map[string]bool
	mux         func() *http.ServeMux // every route, built on first use
	verifyKey   jot.KeySet
	jwks        func() ([]byte, error) // the public JWK Set, built on first use
	openapi     func() ([]byte, error) // the OpenAPI document, built on first use
	alg         string
	dummyOnce   sync.Once
	dummyHash   string
	// demoSecretHash is hashToken(cfg.DemoClientSecret), computed once.
	demoSecretHash string
	lab            labState      // the attack lab, apart from all the rest
	verifyOpts     [7]jot.Option // see verifyOptions
	// scopes maps each Bearer route to the scope it needs (scopeTable).
	scopes map[routeKey]string
}

// New checks cfg and returns the server.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("authserver: Store is required")
	}
	if len(cfg.SigningKeys) == 0 {
		return nil, errors.New("authserver: at least one signing key is required")
	}
	if cfg.Audience == "" {
		cfg.Audience = "authlab"
	}
	if cfg.AccessTTL == 0 {
		cfg.AccessTTL = 15 * time.Minute
	}
	if cfg.Passwords == nil {
		cfg.Passwords = &password.Hasher{}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.ClientAddr == nil {
		cfg.ClientAddr = ConnectionAddr
	}
	if cfg.Realm == "" {
		cfg.Realm = "authlab"
	}
	setDefault(&cfg.RefreshTTL, 30*24*time.Hour)
	setDefault(&cfg.SessionTTL, 8*time.Hour)
	setDefault(&cfg.LoginWindow, 15*time.Minute)
	setDefault(&cfg.DailyQuota, 100)
	setDefault(&cfg.LoginFailuresPerAccount, 5)
	setDefault(&cfg.LoginFailuresPerClient, 50)
	setDefault(&cfg.DemoClientSecret, DefaultDemoClientSecret)
	s := &Server{cfg: cfg, verifyKey: jot.KeySet{Set: &keys.Set{}}, demoSecretHash: hashToken(cfg.DemoClientSecret)}
	for i, k := range cfg.SigningKeys {
		alg, err := signingAlg(k)
		if err != nil {
			return nil, fmt.Errorf("authserver: signing key %d: %w", i, err)
		}
		if i == 0 {
			s.alg = alg
		}
		if err := s.verifyKey.Add(&keys.Key{Kid: k.Kid, Alg: alg, Public: k.Public, Private: nil}); err != nil {
			return nil, fmt.Errorf("authserver: %w", err)
		}
	}
	// Built on first use, like the OpenAPI document: signingAlg admits
	// only keys that PublicSet can write.
	s.jwks = sync.OnceValues(s.verifyKey.PublicSet)
	s.verifyOpts = s.verifyOptions()
	s.scopes = scopeIndex()
	s.routes()
	// Built on first use: it is most of New's work, and a worker isolate
	// would otherwise pay for it at every cold start.
	s.openapi = sync.OnceValues(s.openAPIDocument)
	return s, nil
}

func setDefault[T comparable](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}

// signingAlg picks the JWS alg for a signing key: ES256 for P-256 and
// EdDSA for Ed25519 (RFC 7518 §3.4, RFC 8037 §3.1).
func signingAlg(k *keys.Key) (string, error) {
	if k.Kid == "" {
		return "", errors.New("key has no kid")
	}
	for _, alg := range []string{"ES256", "EdDSA"} {
		a, _ := jot.LookupAlgorithm(alg)
		if k.Private != nil && a.CheckKey(k.Private) == nil {
			return alg, nil
		}
	}
	return "", errors.New("need an ECDSA P-256 or Ed25519 private key")
}

// ServeHTTP serves the API. A panic in a handler is answered with a JSON
// 500 rather than a dropped connection.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			writeError(w, fmt.Errorf("panic: %v", v))
		}
	}()
	if s.cors(w, r) {
		return
	}
	if h, ok := s.exact[routeKey{r.Method, r.URL.Path}]; ok {
		h(w, r)
		return
	}
	s.mux().ServeHTTP(w, r)
}

// notFound answers 405 with Allow when the path exists under another
// method, and 404 otherwise.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux().Handler(probe); pattern != "/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		for _, m := range allow {
			w.Header().Add("Allow", m)
		}
		writeError(w, fmt.Errorf("%w: %s %s", ErrMethodNotAllowed, r.Method, r.URL.Path))
		return
	}
	if s.isPagePath(r.URL.Path) && isNavigation(r) {
		w.Header().Set(NotFoundPageHeader, "1")
	}
	writeError(w, fmt.Errorf("%w: no route for %s %s", ErrNotFound, r.Method, r.URL.Path))
}

// NotFoundPageHeader marks a 404 that a browser navigated to, outside the
// API's paths: whatever serves the site (the worker's glue, or the native
// server) answers it with the site's 404 page instead, with status 404.
// API clients, and every path under the API's own prefixes, keep the JSON
// error.
const NotFoundPageHeader = "Authlab-Not-Found-Page"

// isNavigation reports whether r is a browser loading a document: by
// Sec-Fetch-Dest (Fetch Metadata), or, from a browser that does not send
// it, by an Accept that names text/html.
func isNavigation(r *http.Request) bool {
	if dest := r.Header.Get("Sec-Fetch-Dest"); dest != "" {
		return dest == "document"
	}
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}

// isPagePath reports whether path lies outside every prefix the API
// serves, its routes' first segments: /api/nope stays an API 404.
func (s *Server) isPagePath(path string) bool { return !s.apiSegments[firstSegment(path)] }

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.Store.Ping(r.Context()); err != nil {
		writeError(w, fmt.Errorf("%w: database: %v", ErrUnavailable, err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "database": "ok", "time": s.cfg.Now().UTC().Unix()})
}

func (s *Server) jwksHandler(w http.ResponseWriter, r *http.Request) {
	jwks, err := s.jwks()
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/jwk-set+json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(jwks)
}

// originOf is the scheme and host the request was addressed to.
func originOf(r *http.Request) string {
	scheme := r.URL.Scheme
	if scheme == "" {
		scheme = "http"
		if r.TLS != nil {
			scheme = "https"
		}
	}
	host := r.URL.Host
	if host == "" {
		host = r.Host
	}
	return scheme + "://" + host
}

func (s *Server) issuer(r *http.Request) string {
	if s.cfg.Issuer != "" {
		return s.cfg.Issuer
	}
	return originOf(r)
}
