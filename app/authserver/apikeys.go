package authserver

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/authlab/authlab/app/apikey"
)

// MaxDailyQuota bounds the quota a key may be given.
const MaxDailyQuota = 100_000

// userID reads the account id from verified claims.
func userID(claims map[string]any) (int64, error) {
	sub, _ := claims["sub"].(string)
	id, err := strconv.ParseInt(sub, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: sub is not an account id", ErrInvalidToken)
	}
	return id, nil
}

func keyJSON(k *APIKey) map[string]any {
	out := map[string]any{
		"id": strconv.FormatInt(k.ID, 10), "prefix": k.Prefix, "name": k.Name,
		"daily_quota": k.DailyQuota, "created_at": k.CreatedAt.Unix(),
		"use_count": k.UseCount, "last_used_at": nil, "revoked": k.Revoked,
	}
	if !k.LastUsedAt.IsZero() {
		out["last_used_at"] = k.LastUsedAt.Unix()
	}
	return out
}

func (s *Server) createKey(w http.ResponseWriter, r *http.Request, claims map[string]any) {
	uid, err := userID(claims)
	if err != nil {
		s.challenge(w, err)
		return
	}
	var req struct {
		Name       string `json:"name"`
		DailyQuota *int   `json:"daily_quota"`
	}
	if err := decodeJSON(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	quota := s.cfg.DailyQuota
	if req.DailyQuota != nil {
		quota = *req.DailyQuota
	}
	if quota < 1 || quota > MaxDailyQuota {
		writeError(w, fmt.Errorf("%w: daily_quota must be between 1 and %d", ErrInvalidRequest, MaxDailyQuota))
		return
	}
	if len(req.Name) > 100 {
		writeError(w, fmt.Errorf("%w: name must have at most 100 bytes", ErrInvalidRequest))
		return
	}
	made, err := apikey.New(s.cfg.Rand)
	if err != nil {
		writeError(w, err)
		return
	}
	k := &APIKey{UserID: uid, Prefix: made.Prefix, SecretHash: made.Hash, Name: req.Name,
		DailyQuota: quota, CreatedAt: s.cfg.Now().UTC()}
	if err := s.cfg.Store.CreateAPIKey(r.Context(), k); err != nil {
		writeError(w, err)
		return
	}
	out := keyJSON(k)
	out["key"] = made.Plain
	out["note"] = "This is the only time the key is shown. Only a SHA-256 hash of it is stored."
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) listKeys(w http.ResponseWriter, r *http.Request, claims map[string]any) {
	uid, err := userID(claims)
	if err != nil {
		s.challenge(w, err)
		return
	}
	keys, err := s.cfg.Store.ListAPIKeys(r.Context(), uid)
	if err != nil {
		writeError(w, err)
		return
	}
	list := make([]map[string]any, 0, len(keys))
	for _, k := range keys {
		list = append(list, keyJSON(k))
	}
	writeJSON(w, http.StatusOK, map[string]any{"keys": list})
}

func (s *Server) revokeKey(w http.ResponseWriter, r *http.Request, claims map[string]any) {
	uid, err := userID(claims)
	if err != nil {
		s.challenge(w, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, fmt.Errorf("%w: no API key %q", ErrNotFound, r.PathValue("id")))
		return
	}
	if err := s.cfg.Store.RevokeAPIKey(r.Context(), uid, id, s.cfg.Now().UTC()); err != nil {
		writeError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// queryKeyWarning explains why ?api_key= is bad practice.
const queryKeyWarning = `299 authlab "API key sent in the query string: URLs end up in server and proxy logs, browser history and Referer headers. Send it in the X-API-Key header."`

// data serves a resource behind an API key with a daily quota, reporting
// the quota in the RateLimit headers of draft-ietf-httpapi-ratelimit-headers.
func (s *Server) data(w http.ResponseWriter, r *http.Request) {
	plain := r.Header.Get("X-API-Key")
	if plain == "" {
		if q := r.URL.Query().Get("api_key"); q != "" {
			plain = q
			w.Header().Set("Warning", queryKeyWarning)
		}
	}
	now := s.cfg.Now().UTC()
	day := now.Truncate(24 * time.Hour)
	k, count, ok, err := s.useAPIKey(r, plain, day.Unix()/86400, now)
	if err != nil {
		if errors.Is(err, ErrInvalidAPIKey) {
			w.Header().Set("WWW-Authenticate", `ApiKey realm="`+s.cfg.Realm+`", header="X-API-Key"`)
		}
		writeError(w, err)
		return
	}
	reset := int(day.Add(24 * time.Hour).Sub(now).Seconds())
	h := w.Header()
	h.Set("RateLimit-Limit", strconv.Itoa(k.DailyQuota))
	h.Set("RateLimit-Remaining", strconv.Itoa(max(k.DailyQuota-count, 0)))
	h.Set("RateLimit-Reset", strconv.Itoa(reset))
	if !ok {
		h.Set("Retry-After", strconv.Itoa(reset))
		writeError(w, fmt.Errorf("%w: the key's daily quota of %d requests is used up; it resets at 00:00 UTC", ErrTooManyRequests, k.DailyQuota))
		return
	}
	writeJSON(w, http.StatusOK, dataResponse{Key: k.Prefix, Message: "you hold a valid API key", Remaining: k.DailyQuota - count, Used: count})
}

// dataResponse is GET /api/data's answer. A struct encodes faster than a
// map; its fields are in the order encoding/json writes a map's keys, so
// the answer reads the same either way.
type dataResponse struct {
	Key       string `json:"key"`
	Message   string `json:"message"`
	Remaining int    `json:"remaining"`
	Used      int    `json:"used"`
}

// useAPIKey finds the presented key by its prefix, compares its hash in
// constant time and counts the request against the key's quota for day.
// The store counts only a key whose hash matches, in the same round trip.
func (s *Server) useAPIKey(r *http.Request, plain string, day int64, now time.Time) (*APIKey, int, bool, error) {
	if plain == "" {
		return nil, 0, false, fmt.Errorf("%w: send the key in the X-API-Key header", ErrInvalidAPIKey)
	}
	prefix, err := apikey.Parse(plain)
	if err != nil {
		return nil, 0, false, fmt.Errorf("%w: %v", ErrInvalidAPIKey, err)
	}
	hash := apikey.Hash(plain)
	k, count, ok, err := s.cfg.Store.UseAPIKey(r.Context(), prefix, hash, day, now)
	if errors.Is(err, ErrNotFound) || err == nil && !apikey.MatchHash(hash, k.SecretHash) {
		return nil, 0, false, fmt.Errorf("%w: unknown or revoked key", ErrInvalidAPIKey)
	}
	if err != nil {
		return nil, 0, false, err
	}
	return k, count, ok, nil
}
