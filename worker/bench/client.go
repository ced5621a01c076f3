package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/authlab/authlab/app/keys"
)

// Benchmark account. Every variant starts with an empty database.
const (
	benchUser     = "bench"
	benchPassword = "bench-password-1"
)

// loginUserCount is how many accounts the login endpoint logs in round
// robin. The worker counts a login attempt against its account before it
// checks the password (authserver's login throttle), so concurrent logins
// of one account beyond its limit are refused as a flood; with more
// accounts than wrk has connections, each account has at most a few
// logins in flight, as real users do.
const loginUserCount = 32

var loginUserText = fmt.Sprint(loginUserCount)

// loginUser is the name of the i-th login account.
func loginUser(i int) string { return fmt.Sprintf("bench-login-%d", i) }

// loginBody is the JSON body of a login of user.
func loginBody(user string) string {
	return fmt.Sprintf(`{"username":%q,"password":%q}`, user, benchPassword)
}

// client talks to one variant's API.
type client struct {
	base string
	http *http.Client
}

func newClient(base string) *client {
	return &client{base: base, http: &http.Client{Timeout: 30 * time.Second}}
}

// fixture is what a variant's benchmark requests carry: an access token
// and API keys of the benchmark user.
type fixture struct {
	token   string
	issued  time.Time // when token was issued; it lives 15 minutes
	tokens  []string  // distinctCount copies of token, each with its own jti
	apiKeys []string
}

// newToken sets the fixture's access token and the distinct tokens made
// from it with the signing keys in set.
func (fx *fixture) newToken(token string, set *keys.Set) error {
	tokens, err := distinctTokens(token, set, distinctCount)
	if err != nil {
		return err
	}
	fx.token, fx.tokens, fx.issued = token, tokens, time.Now()
	return nil
}

// apiKeyCount is how many API keys the data endpoint rotates through, each
// with the largest daily quota, so that no run reaches a quota.
const (
	apiKeyCount = 4
	apiKeyQuota = 100_000 // authserver.MaxDailyQuota
)

// setup registers the benchmark user (409 counts as done), logs in,
// creates the API keys, signs the distinct tokens with set, and checks
// that every endpoint answers 2xx, with each distinct token.
func (c *client) setup(ctx context.Context, set *keys.Set) (*fixture, error) {
	creds := map[string]string{"username": benchUser, "password": benchPassword}
	if status, body, err := c.do(ctx, http.MethodPost, "/api/register", creds, ""); err != nil {
		return nil, err
	} else if status != http.StatusCreated && status != http.StatusConflict {
		return nil, fmt.Errorf("POST /api/register: %d %s", status, body)
	}
	for i := range loginUserCount {
		in := map[string]string{"username": loginUser(i), "password": benchPassword}
		if status, body, err := c.do(ctx, http.MethodPost, "/api/register", in, ""); err != nil {
			return nil, err
		} else if status != http.StatusCreated && status != http.StatusConflict {
			return nil, fmt.Errorf("POST /api/register %s: %d %s", loginUser(i), status, body)
		}
	}
	token, err := c.login(ctx)
	if err != nil {
		return nil, err
	}
	fx := &fixture{}
	if err := fx.newToken(token, set); err != nil {
		return nil, err
	}
	for i := range apiKeyCount {
		in := map[string]any{"name": fmt.Sprintf("bench-%d", i), "daily_quota": apiKeyQuota}
		status, body, err := c.do(ctx, http.MethodPost, "/api/keys", in, fx.token)
		if err != nil {
			return nil, err
		}
		var key struct {
			Key string `json:"key"`
		}
		if status != http.StatusCreated || json.Unmarshal(body, &key) != nil || !isAPIKey(key.Key) {
			return nil, fmt.Errorf("POST /api/keys: %d %s", status, body)
		}
		fx.apiKeys = append(fx.apiKeys, key.Key)
	}
	for _, e := range endpoints {
		call := callFor(e, fx)
		for i := range max(1, len(call.rotate)) {
			resp, body, err := c.send(ctx, call, i)
			if err != nil {
				return nil, err
			}
			if resp.StatusCode < 200 || resp.StatusCode > 299 {
				return nil, fmt.Errorf("%s: %d %s", e.title(), resp.StatusCode, body)
			}
			if e.name == "data" && resp.Header.Get("RateLimit-Limit") != fmt.Sprint(apiKeyQuota) {
				return nil, fmt.Errorf("%s: RateLimit-Limit %q, want %d", e.title(), resp.Header.Get("RateLimit-Limit"), apiKeyQuota)
			}
		}
	}
	return fx, nil
}

// login logs the benchmark user in and returns a new access token.
func (c *client) login(ctx context.Context) (string, error) {
	creds := map[string]string{"username": benchUser, "password": benchPassword}
	status, body, err := c.do(ctx, http.MethodPost, "/api/login", creds, "")
	if err != nil {
		return "", err
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if status != http.StatusOK || json.Unmarshal(body, &tok) != nil || !isJWT(tok.AccessToken) {
		return "", fmt.Errorf("POST /api/login: %d %s", status, body)
	}
	return tok.AccessToken, nil
}

// send sends the i-th request of call and returns the response with its
// body read.
func (c *client) send(ctx context.Context, call call, i int) (*http.Response, []byte, error) {
	text, v := call.body, call.rotated(i)
	if v != "" && call.rotateHeader == "" {
		text = v
	}
	var body io.Reader
	if text != "" {
		body = strings.NewReader(text)
	}
	req, err := http.NewRequestWithContext(ctx, call.method, c.base+call.path, body)
	if err != nil {
		return nil, nil, err
	}
	for name, v := range call.headers {
		req.Header.Set(name, v)
	}
	if v != "" && call.rotateHeader != "" {
		req.Header.Set(call.rotateHeader, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp, b, err
}

// do sends a request with an optional JSON body and Bearer token, and
// returns the status and body.
func (c *client) do(ctx context.Context, method, path string, in any, bearer string) (int, []byte, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return 0, nil, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return 0, nil, err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, b, err
}

// isJWT reports whether s looks like a compact JWS: three base64url
// segments. The token is pasted into a Lua string, so this also keeps it
// free of quotes and escapes.
func isJWT(s string) bool {
	dots := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			dots++
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return dots == 2 && len(s) > 20
}

// isAPIKey reports whether s looks like an API key, alk_<prefix>_<secret>
// in base64url, so that it is safe to paste into a Lua string.
func isAPIKey(s string) bool {
	if !strings.HasPrefix(s, "alk_") || len(s) < 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}
