package jot

import (
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// NumericDate reads a NumericDate claim (RFC 7519 §2): a JSON number of
// seconds since the epoch. ok is false when the claim is absent.
func NumericDate(claims map[string]any, name string) (t time.Time, ok bool, err error) {
	v, present := claims[name]
	if !present {
		return time.Time{}, false, nil
	}
	var f float64
	switch n := v.(type) {
	case json.Number:
		f, err = n.Float64()
	case float64:
		f = n
	default:
		err = fmt.Errorf("not a number")
	}
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1<<53 {
		return time.Time{}, true, fmt.Errorf("%w: %s must be a NumericDate", ErrClaimType, name)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), true, nil
}

// Audiences reads aud, a string or an array of strings (RFC 7519 §4.1.3).
func Audiences(claims map[string]any) ([]string, error) {
	switch a := claims["aud"].(type) {
	case nil:
		return nil, nil
	case string:
		return []string{a}, nil
	case []any:
		out := make([]string, 0, len(a))
		for _, v := range a {
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("%w: aud must hold strings", ErrClaimType)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: aud must be a string or an array", ErrClaimType)
}

// validateClaims applies RFC 7519 §4.1 to a claims set.
func validateClaims(c map[string]any, o *options) error {
	for _, name := range o.required {
		if _, ok := c[name]; !ok {
			return fmt.Errorf("%w: %s", ErrClaimMissing, name)
		}
	}
	now := o.now().UTC()
	if exp, ok, err := NumericDate(c, "exp"); err != nil {
		return err
	} else if ok && !now.Before(exp.Add(o.leeway)) {
		return fmt.Errorf("%w: exp %s, now %s (%s ago)", ErrExpired, stamp(exp), stamp(now), now.Sub(exp).Round(time.Second))
	}
	if nbf, ok, err := NumericDate(c, "nbf"); err != nil {
		return err
	} else if ok && now.Add(o.leeway).Before(nbf) {
		return fmt.Errorf("%w: nbf %s, now %s", ErrNotYetValid, stamp(nbf), stamp(now))
	}
	if iat, ok, err := NumericDate(c, "iat"); err != nil {
		return err
	} else if ok && now.Add(o.leeway).Before(iat) {
		return fmt.Errorf("%w: iat %s, now %s", ErrIssuedInFuture, stamp(iat), stamp(now))
	}
	if o.issuer != "" {
		iss, _ := c["iss"].(string)
		if iss != o.issuer {
			return fmt.Errorf("%w: got %q, want %q", ErrIssuer, iss, o.issuer)
		}
	}
	if o.audience != "" {
		auds, err := Audiences(c)
		if err != nil {
			return err
		}
		found := false
		for _, a := range auds {
			found = found || a == o.audience
		}
		if !found {
			return fmt.Errorf("%w: got %q, want %q", ErrAudience, auds, o.audience)
		}
	}
	return nil
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
