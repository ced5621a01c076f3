package jot

import (
	"fmt"
	"strings"
	"time"
)

// Duration writes d for people, to the two largest units: "45 s",
// "12 min", "2 h 5 min", "3 d 4 h", "2 y 10 d". It ignores the sign.
func Duration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	if d < time.Second {
		return "0 s"
	}
	units := []struct {
		size time.Duration
		name string
	}{
		{365 * 24 * time.Hour, "y"}, {24 * time.Hour, "d"}, {time.Hour, "h"},
		{time.Minute, "min"}, {time.Second, "s"},
	}
	var parts []string
	for _, u := range units {
		if d >= u.size {
			n := d / u.size
			d -= n * u.size
			parts = append(parts, fmt.Sprintf("%d %s", n, u.name))
		} else if len(parts) > 0 {
			break // no gap: "1 h", not "1 h 5 s"
		}
		if len(parts) == 2 {
			break
		}
	}
	return strings.Join(parts, " ")
}

// Relative writes t against now: "in 2 h", "5 min ago", or "now" within a
// second.
func Relative(t, now time.Time) string {
	d := t.Sub(now)
	switch {
	case d > -time.Second && d < time.Second:
		return "now"
	case d > 0:
		return "in " + Duration(d)
	}
	return Duration(d) + " ago"
}

// DescribeTime says what a time claim means at now, allowing skew:
// "expires in 2 h", "expired 5 min ago", "valid since 10 min ago", "issued
// 3 d ago". For other claims it is Relative.
func DescribeTime(name string, t, now time.Time, skew time.Duration) string {
	rel := Relative(t, now)
	const skewed = ", accepted within the clock skew"
	switch name {
	case "exp":
		switch {
		case !now.Before(t.Add(skew)):
			return "expired " + rel
		case !now.Before(t):
			return "expired " + rel + skewed
		}
		return "expires " + rel
	case "nbf":
		switch {
		case now.Add(skew).Before(t):
			return "not valid yet: valid " + rel
		case now.Before(t):
			return "valid " + rel + skewed
		}
		return "valid since " + rel
	case "iat":
		if now.Add(skew).Before(t) {
			return "issued in the future: " + rel
		}
		return "issued " + rel
	}
	return rel
}
