package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Benchmark account. Every variant starts with an empty database.
const (
	benchUser     = "bench"
	benchPassword = "bench-password-1"
)

// client talks to one variant's API.
type client struct {
	base string
	http *http.Client
}

func newClient(base string) *client {
	return &client{base: base, http: &http.Client{Timeout: 30 * time.Second}}
}

// token registers the benchmark user (409 counts as done), logs in, and
// checks that GET /api/protected accepts the access token.
func (c *client) token(ctx context.Context) (string, error) {
	creds := map[string]string{"username": benchUser, "password": benchPassword}
	if status, body, err := c.do(ctx, http.MethodPost, "/api/register", creds, ""); err != nil {
		return "", err
	} else if status != http.StatusCreated && status != http.StatusConflict {
		return "", fmt.Errorf("POST /api/register: %d %s", status, body)
	}
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
	if status, body, err = c.do(ctx, http.MethodGet, "/api/protected", nil, tok.AccessToken); err != nil {
		return "", err
	} else if status != http.StatusOK {
		return "", fmt.Errorf("GET /api/protected with the fresh token: %d %s", status, body)
	}
	return tok.AccessToken, nil
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
