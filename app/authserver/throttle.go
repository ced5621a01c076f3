package authserver

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// ConnectionAddr is the address of a client that connects to the server
// directly: the host of the request's remote address. It reads no header,
// since any client can set one. Config.ClientAddr defaults to it.
func ConnectionAddr(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// CloudflareAddr is the address of a client whose request came through
// Cloudflare's edge, which sets CF-Connecting-IP to the address that it
// accepted the connection from. Only a server that clients reach through
// the edge alone, such as a Worker, may use it: anywhere else the header
// is whatever the client wrote.
func CloudflareAddr(r *http.Request) string {
	if ip := r.Header.Get("CF-Connecting-IP"); ip != "" {
		return ip
	}
	return ConnectionAddr(r)
}

// clientKey names the client at addr for throttling. An IPv4 address
// names itself, also when it is IPv4-mapped (RFC 4291 §2.5.5.2). An IPv6
// address is named by its /64: a subscriber is given at least a /64
// (RFC 6177 §2) and may use any address in it, so counting each address
// would hand one client billions of counters.
func clientKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	switch {
	case err != nil && addr == "":
		return "unknown"
	case err != nil:
		return addr
	case ip.Is4In6():
		return ip.Unmap().String()
	case ip.Is6():
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// client names the request's client for throttling, from the address
// that Config.ClientAddr gives.
func (s *Server) client(r *http.Request) string {
	return clientKey(s.cfg.ClientAddr(r))
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
	client := s.client(r)
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
