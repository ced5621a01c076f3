//go:build !js

package authserver_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/password"
)

// countChecks makes the server's password hasher count its key
// derivations: one per password checked, once the accounts exist.
func countChecks(n *atomic.Int64) func(*authserver.Config) {
	return func(c *authserver.Config) {
		c.Passwords.Derive = func(ctx context.Context, pw, salt []byte, iter, keyLen int) ([]byte, error) {
			n.Add(1)
			return password.Native(ctx, pw, salt, iter, keyLen)
		}
	}
}

// TestLoginThrottleParallel sends 40 wrong guesses at once through each
// route that checks a password. Each attempt is reserved before its
// password is checked, so exactly the limit's worth of passwords is
// checked and refused with 401, and every other guess is answered 429
// with Retry-After, unchecked.
func TestLoginThrottleParallel(t *testing.T) {
	const limit, guesses = 5, 40
	consent := authzParams()
	consent.Set("decision", "approve")
	tests := []struct {
		name   string
		limits func(*authserver.Config)
		guess  func(i int) *http.Request
	}{
		{"api login, one account", perAccount(limit), func(int) *http.Request {
			return jsonRequest("/api/login", credentials("alice", "wrong-password"))
		}},
		{"api login, many accounts", perClient(limit), func(i int) *http.Request {
			return jsonRequest("/api/login", credentials("user"+strconv.Itoa(i), "wrong-password"))
		}},
		{"session login", perAccount(limit), func(int) *http.Request {
			return jsonRequest("/session/login", credentials("alice", "wrong-password"))
		}},
		{"basic", perAccount(limit), func(int) *http.Request {
			req := httptest.NewRequest("GET", "/api/basic", nil)
			req.SetBasicAuth("alice", "wrong-password")
			return req
		}},
		{"oauth consent", perAccount(limit), func(int) *http.Request {
			f := url.Values{"username": {"alice"}, "password": {"wrong-password"}}
			for k, v := range consent {
				f[k] = v
			}
			req := httptest.NewRequest("POST", "/oauth/authorize", strings.NewReader(f.Encode()))
			req.Header.Set("Content-Type", formType)
			return req
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var checks atomic.Int64
			s := newServer(t, 1000, tt.limits, countChecks(&checks))
			s.register(t, "alice", alicePW)
			// The first unknown user derives the dummy hash; from
			// another client, so that it counts nowhere here.
			warm := jsonRequest("/api/login", credentials("nobody", "wrong-password"))
			warm.RemoteAddr = "198.51.100.1:1"
			s.serve(t, warm)
			checks.Store(0)
			var wg sync.WaitGroup
			recs := make([]*response, guesses)
			for i := range recs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					recs[i] = s.serve(t, tt.guess(i))
				}()
			}
			wg.Wait()
			statuses := map[int]int{}
			for _, rec := range recs {
				statuses[rec.Code]++
				if rec.Code == http.StatusTooManyRequests {
					if s, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || s < 1 {
						t.Errorf("429 with Retry-After %q", rec.Header().Get("Retry-After"))
					}
				}
			}
			if n := checks.Load(); n > limit {
				t.Errorf("%d passwords checked, limit %d", n, limit)
			}
			if statuses[http.StatusUnauthorized] != limit || statuses[http.StatusTooManyRequests] != guesses-limit {
				t.Errorf("statuses %v, want %d × 401 and %d × 429", statuses, limit, guesses-limit)
			}
		})
	}
}

// perAccount sets the limit per account and client, and leaves the
// client's own limit above it.
func perAccount(n int) func(*authserver.Config) {
	return func(c *authserver.Config) { c.LoginFailuresPerAccount, c.LoginFailuresPerClient = n, 10*n }
}

// perClient sets the limit per client, below the one per account.
func perClient(n int) func(*authserver.Config) {
	return func(c *authserver.Config) { c.LoginFailuresPerAccount, c.LoginFailuresPerClient = 10*n, n }
}

// jsonRequest is a POST of a JSON body.
func jsonRequest(path, body string) *http.Request {
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

// TestLoginThrottleClient checks where the throttle takes the client
// from: natively the connection's address only, whatever
// CF-Connecting-IP says; behind Cloudflare's edge that header. An IPv6
// client is counted by its /64, and an IPv4-mapped address as IPv4.
func TestLoginThrottleClient(t *testing.T) {
	tests := []struct {
		name string
		edge bool
		// each request is a remote address and a CF-Connecting-IP
		first, second [2]string
		shared        bool
	}{
		{"forged header, one connection", false, [2]string{"192.0.2.1:1000", "203.0.113.1"}, [2]string{"192.0.2.1:2000", "203.0.113.2"}, true},
		{"same forged header, two connections", false, [2]string{"192.0.2.1:1000", "203.0.113.1"}, [2]string{"192.0.2.2:1000", "203.0.113.1"}, false},
		{"IPv6, one /64", false, [2]string{"[2001:db8:1:2::1]:1000", ""}, [2]string{"[2001:db8:1:2:ffff:ffff:ffff:ffff]:1000", ""}, true},
		{"IPv6, the next /64", false, [2]string{"[2001:db8:1:2::1]:1000", ""}, [2]string{"[2001:db8:1:3::1]:1000", ""}, false},
		{"IPv4-mapped IPv6", false, [2]string{"[::ffff:192.0.2.7]:1000", ""}, [2]string{"192.0.2.7:1000", ""}, true},
		{"IPv4 neighbours", false, [2]string{"192.0.2.7:1000", ""}, [2]string{"192.0.2.8:1000", ""}, false},
		{"edge, two clients, one connection", true, [2]string{"192.0.2.1:1000", "203.0.113.1"}, [2]string{"192.0.2.1:1000", "203.0.113.2"}, false},
		{"edge, one client, two connections", true, [2]string{"192.0.2.1:1000", "203.0.113.1"}, [2]string{"192.0.2.2:1000", "203.0.113.1"}, true},
		{"edge, IPv6, one /64", true, [2]string{"192.0.2.1:1000", "2001:db8:1:2::1"}, [2]string{"192.0.2.1:1000", "2001:db8:1:2:abcd::9"}, true},
		{"edge, IPv6, the next /64", true, [2]string{"192.0.2.1:1000", "2001:db8:1:2::1"}, [2]string{"192.0.2.1:1000", "2001:db8:1:3::1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mod := []func(*authserver.Config){perClient(1)}
			if tt.edge {
				mod = append(mod, behindEdge)
			}
			s := newServer(t, 1, mod...)
			guess := func(from [2]string) int {
				req := jsonRequest("/api/login", credentials("alice", "wrong-password"))
				req.RemoteAddr = from[0]
				if from[1] != "" {
					req.Header.Set("CF-Connecting-IP", from[1])
				}
				return s.serve(t, req).Code
			}
			if got := guess(tt.first); got != http.StatusUnauthorized {
				t.Fatalf("first guess: %d", got)
			}
			want := http.StatusUnauthorized
			if tt.shared {
				want = http.StatusTooManyRequests
			}
			if got := guess(tt.second); got != want {
				t.Errorf("second guess: %d, want %d", got, want)
			}
		})
	}
}

// TestClientKey: the throttle counts an IPv4 client by its address, also
// IPv4-mapped, and an IPv6 client by its /64.
func TestClientKey(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"192.0.2.1", "192.0.2.1"},
		{"::ffff:192.0.2.1", "192.0.2.1"},
		{"::ffff:c000:201", "192.0.2.1"},
		{"2001:db8:1:2::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"},
		{"2001:DB8:1:2:0:0:0:9", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"::1", "::/64"},
		{"", "unknown"},
		{"not an address", "not an address"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := authserver.ClientKey(tt.addr); got != tt.want {
				t.Errorf("ClientKey(%q) = %q, want %q", tt.addr, got, tt.want)
			}
		})
	}
}
