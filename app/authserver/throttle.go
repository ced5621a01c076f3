package authserver

import (
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

// throttledLogin checks a password under two counters: one per account
// and client, one per client. A client that guesses is stopped, and the
// account's owner, from another client, can still log in, so the throttle
// cannot be used to lock anyone out.
func (s *Server) throttledLogin(w http.ResponseWriter, r *http.Request, name, pw string) (*User, error) {
	u, a, err := s.checkLogin(w, r, name, pw)
	if err != nil {
		return nil, err
	}
	if err := s.cfg.Store.ReleaseLogin(r.Context(), a); err != nil {
		return nil, err
	}
	return u, nil
}

// checkLogin is throttledLogin but for what a success writes to the
// throttle, which it leaves to the caller: it returns the attempt to
// release. The attempt is counted before the password is checked, so
// that concurrent guesses cannot check more passwords than the limit; a
// failure leaves it counted.
func (s *Server) checkLogin(w http.ResponseWriter, r *http.Request, name, pw string) (*User, *LoginAttempt, error) {
	client := clientID(r)
	now := s.cfg.Now().UTC()
	window := s.cfg.LoginWindow
	a := &LoginAttempt{
		Account: ThrottleCounter{Key: "login:" + strings.ToLower(name) + "|" + client, Limit: s.cfg.LoginFailuresPerAccount},
		Client:  ThrottleCounter{Key: "login-client:" + client, Limit: s.cfg.LoginFailuresPerClient},
		Window:  now.Truncate(window),
	}
	reserved, u, err := s.cfg.Store.ReserveLogin(r.Context(), name, a)
	if err != nil {
		return nil, nil, err
	}
	if !reserved {
		retry := max(int(a.Window.Add(window).Sub(now).Round(time.Second).Seconds()), 1)
		w.Header().Set("Retry-After", strconv.Itoa(retry))
		n := a.Client.Count
		if a.Account.Count >= a.Account.Limit {
			n = a.Account.Count
		}
		return nil, nil, fmt.Errorf("%w: %d failed logins; try again in %d s", ErrTooManyRequests, n, retry)
	}
	u, err = s.authenticate(r.Context(), u, pw)
	if err != nil {
		return nil, nil, err
	}
	return u, a, nil
}
