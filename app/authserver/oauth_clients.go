package authserver

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/authlab/authlab/app/oauth"
)

// Built-in clients (RFC 6749 §2): the pages' own public client and a
// confidential demo client whose secret is published for learners.
const (
	WebClientID  = "authlab-web"
	DemoClientID = "authlab-demo"
)

// DefaultDemoClientSecret is the demo client's secret unless configured.
const DefaultDemoClientSecret = "authlab-demo-secret"

// builtinClient returns a built-in client. Its redirect URIs are this
// server's /oauth/callback, the configured extra ones, and for the demo
// client the loopback http://127.0.0.1/callback. Like every http URI on a
// loopback IP literal, these match on any port (RFC 8252 §7.3): when the
// pages are served from http://127.0.0.1:8787, /oauth/callback on any
// port of 127.0.0.1 is the web client's. Built-in clients' redirect URIs
// are the operator's, so errors are redirected to them (Builtin).
func (s *Server) builtinClient(r *http.Request, id string) (*Client, bool) {
	callback := originOf(r) + "/oauth/callback"
	switch id {
	case WebClientID:
		return &Client{ID: id, Name: "Authlab pages", AuthMethod: "none", Builtin: true,
			RedirectURIs: append([]string{callback}, s.cfg.OAuthRedirectURIs...),
			GrantTypes:   []string{"authorization_code", "refresh_token"}}, true
	case DemoClientID:
		return &Client{ID: id, Name: "Authlab demo client", AuthMethod: "client_secret_basic", Builtin: true,
			SecretHash:   s.demoSecretHash,
			RedirectURIs: append([]string{callback, "http://127.0.0.1/callback"}, s.cfg.OAuthRedirectURIs...),
			GrantTypes:   []string{"authorization_code", "refresh_token", "client_credentials"}}, true
	}
	return nil, false
}

func (s *Server) lookupClient(ctx context.Context, r *http.Request, id string) (*Client, error) {
	if c, ok := s.builtinClient(r, id); ok {
		return c, nil
	}
	if id == "" {
		return nil, errors.New("client_id is missing")
	}
	c, err := s.cfg.Store.ClientByID(ctx, id, s.cfg.Now().UTC())
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("unknown or expired client_id %q", id)
	}
	return c, err
}

// redirectAllowed compares a redirect URI with the registered ones by exact
// string match (RFC 9700 §4.1.3), except that an http redirect on a
// loopback IP literal matches on any port, the registered one's and the
// requested one's alike (RFC 8252 §7.3).
func (c *Client) redirectAllowed(uri string) bool {
	if slices.Contains(c.RedirectURIs, uri) {
		return true
	}
	want, ok := withoutLoopbackPort(uri)
	if !ok {
		return false
	}
	for _, reg := range c.RedirectURIs {
		if got, ok := withoutLoopbackPort(reg); ok && got == want {
			return true
		}
	}
	return false
}

// withoutLoopbackPort removes the port from an http URI whose host is the
// loopback IP literal 127.0.0.1 or [::1], and leaves the rest as it is,
// so that scheme, host, path and query still compare exactly. Only those
// literals qualify: localhost is a name that may resolve elsewhere and
// gets no exemption (RFC 8252 §8.3), nor does https, which no native
// app's ephemeral listener serves.
func withoutLoopbackPort(uri string) (string, bool) {
	const scheme = "http://"
	if !strings.HasPrefix(uri, scheme) {
		return "", false
	}
	rest := uri[len(scheme):]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	hostport, tail := rest[:end], rest[end:]
	for _, host := range []string{"127.0.0.1", "[::1]"} {
		port, found := strings.CutPrefix(hostport, host)
		if found && (port == "" || port[0] == ':' && validPort(port[1:])) {
			return scheme + host + tail, true
		}
	}
	return "", false
}

// validPort reports whether p is a TCP port number, 1 to 65535.
func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535 && strings.Trim(p, "0123456789") == ""
}

func (c *Client) allows(grant string) bool { return slices.Contains(c.GrantTypes, grant) }

// authenticateClient identifies the client of a token-endpoint request by
// client_secret_basic, with both parts form-urlencoded first (RFC 6749
// §2.3.1), or by client_secret_post, or, for public clients, by client_id
// alone. Using two methods at once is refused (RFC 6749 §2.3).
func (s *Server) authenticateClient(w http.ResponseWriter, r *http.Request, form url.Values) (*Client, *oauth.Error) {
	c, basicUsed, err := s.identifyClient(r, form)
	if err != nil && err.Code == oauth.InvalidClient && basicUsed {
		// RFC 6749 §5.2: answer a failed Authorization header with a challenge.
		w.Header().Set("WWW-Authenticate", `Basic realm="`+s.cfg.Realm+`", charset="UTF-8"`)
	}
	return c, err
}

func (s *Server) identifyClient(r *http.Request, form url.Values) (*Client, bool, *oauth.Error) {
	id, secret := form.Get("client_id"), form.Get("client_secret")
	basicUsed := false
	if h := r.Header.Get("Authorization"); h != "" {
		// RFC 6749 §5.2: any failure after the client tried the header is
		// answered with a challenge, malformed credentials included.
		basicUsed = true
		scheme, cred, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Basic") {
			return nil, basicUsed, oauth.Errorf(oauth.InvalidClient, "the token endpoint takes Basic client authentication, not %s", scheme)
		}
		if secret != "" {
			return nil, basicUsed, oauth.Errorf(oauth.InvalidRequest, "use one client authentication method, not Basic and client_secret together")
		}
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cred))
		user, pass, ok := strings.Cut(string(raw), ":")
		if err != nil || !ok {
			return nil, basicUsed, oauth.Errorf(oauth.InvalidClient, "the Basic credentials are not base64 of client_id:client_secret")
		}
		var uerr, perr error
		if user, uerr = url.QueryUnescape(user); uerr == nil {
			pass, perr = url.QueryUnescape(pass)
		}
		if uerr != nil || perr != nil {
			return nil, basicUsed, oauth.Errorf(oauth.InvalidClient, "client_id and client_secret must be form-urlencoded before Basic encoding (RFC 6749 §2.3.1)")
		}
		if id != "" && id != user {
			return nil, basicUsed, oauth.Errorf(oauth.InvalidRequest, "client_id in the body differs from the Basic user")
		}
		id, secret = user, pass
	}
	c, err := s.lookupClient(r.Context(), r, id)
	if err != nil {
		return nil, basicUsed, oauth.Errorf(oauth.InvalidClient, "%v", err)
	}
	if c.Public() {
		if secret != "" {
			return nil, basicUsed, oauth.Errorf(oauth.InvalidClient, "%s is a public client and has no secret", c.ID)
		}
		return c, basicUsed, nil
	}
	if secret == "" {
		return nil, basicUsed, oauth.Errorf(oauth.InvalidClient, "%s is confidential: authenticate with client_secret_basic or client_secret_post", c.ID)
	}
	if !equal(hashToken(secret), c.SecretHash) {
		return nil, basicUsed, oauth.Errorf(oauth.InvalidClient, "wrong client_secret for %s", c.ID)
	}
	return c, basicUsed, nil
}

// isLoopback reports whether host is a loopback IP literal or localhost:
// hosts an http redirect URI may name (RFC 8252 §7.3, §8.3). Only the IP
// literals match on any port (withoutLoopbackPort).
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
