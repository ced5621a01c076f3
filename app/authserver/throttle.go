package authserver

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// clientID names the client for throttling: the connecting IP that
// Cloudflare reports, or the peer address natively.
func clientID(r *http.Request) string {
	if ip := r.Header.Get("CF-Connecting-IP"); ip != "" {
		return ip
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	if r.RemoteAddr != "" {
		return r.RemoteAddr
	}
	return "unknown"
}

// throttledLogin checks a password under two failure counters: one per
// account and client, one per client. A client that guesses is stopped, and
// the account's owner, from another client, can still log in, so the
// throttle cannot be used to lock anyone out.
func (s *Server) throttledLogin(w http.ResponseWriter, r *http.Request, name, pw string) (*User, error) {
	u, pairKey, err := s.checkLogin(w, r, name, pw)
	if err != nil {
		return nil, err
	}
	if err := s.cfg.Store.ResetThrottle(r.Context(), pairKey); err != nil {
		return nil, err
	}
	return u, nil
}

// checkLogin is throttledLogin but for the reset of the account's counter
// after a success, which it leaves to the caller: it returns the key of
// that counter.
func (s *Server) checkLogin(w http.ResponseWriter, r *http.Request, name, pw string) (*User, string, error) {
	client := clientID(r)
	pairKey := "login:" + strings.ToLower(name) + "|" + client
	clientKey := "login-client:" + client
	now := s.cfg.Now().UTC()
	window := s.cfg.LoginWindow
	counts, u, err := s.cfg.Store.LoginLookup(r.Context(), name, []string{pairKey, clientKey}, now, window)
	if err != nil {
		return nil, "", err
	}
	for i, limit := range []int{s.cfg.LoginFailuresPerAccount, s.cfg.LoginFailuresPerClient} {
		if n := counts[i]; n >= limit {
			reset := now.Truncate(window).Add(window)
			retry := int(reset.Sub(now).Round(time.Second).Seconds())
			w.Header().Set("Retry-After", strconv.Itoa(max(retry, 1)))
			return nil, "", fmt.Errorf("%w: %d failed logins; try again in %d s", ErrTooManyRequests, n, retry)
		}
	}
	u, err = s.authenticate(r.Context(), u, pw)
	if errors.Is(err, ErrInvalidCredentials) {
		for _, key := range []string{pairKey, clientKey} {
			if _, _, terr := s.cfg.Store.Throttle(r.Context(), key, now, window); terr != nil {
				return nil, "", terr
			}
		}
		return nil, "", err
	}
	if err != nil {
		return nil, "", err
	}
	return u, pairKey, nil
}
