package jot

import (
	"sort"
	"time"
)

// TimelinePoint is one time placed on a Timeline.
type TimelinePoint struct {
	Name string // "iat", "nbf", "exp", "auth_time" or "now"
	Time time.Time
	Pos  float64 // 0 at the Timeline's Start, 1 at its End
	Text string  // DescribeTime for claims, "" for now
}

// Span is a stretch of a Timeline, from From to To (0 to 1).
type Span struct{ From, To float64 }

// Timeline places a token's NumericDate claims (RFC 7519 §4.1.4–§4.1.6)
// and the current time on one line, with the clock-skew allowance shown
// as spans after exp and before nbf.
type Timeline struct {
	Start, End time.Time
	Points     []TimelinePoint // in time order, now included
	Valid      Span            // when the token is acceptable, skew included
	Skew       []Span          // the leeway granted around exp and nbf
	// State is "valid", "expired", "not yet valid" or "no times".
	State string
}

// NewTimeline builds the timeline of claims at now, allowing skew. Claims
// that are missing or not NumericDates are left out.
func NewTimeline(claims map[string]any, now time.Time, skew time.Duration) *Timeline {
	tl := &Timeline{State: "no times"}
	times := map[string]time.Time{}
	for _, name := range []string{"iat", "nbf", "exp", "auth_time"} {
		if t, ok, err := NumericDate(claims, name); ok && err == nil {
			times[name] = t
			tl.Points = append(tl.Points, TimelinePoint{Name: name, Time: t, Text: DescribeTime(name, t, now, skew)})
		}
	}
	if len(tl.Points) == 0 {
		return tl
	}
	tl.Points = append(tl.Points, TimelinePoint{Name: "now", Time: now})
	sort.SliceStable(tl.Points, func(i, j int) bool { return tl.Points[i].Time.Before(tl.Points[j].Time) })
	first, last := tl.Points[0].Time, tl.Points[len(tl.Points)-1].Time
	exp, hasExp := times["exp"]
	nbf, hasNbf := times["nbf"]
	if hasExp && exp.Add(skew).After(last) {
		last = exp.Add(skew)
	}
	if hasNbf && nbf.Add(-skew).Before(first) {
		first = nbf.Add(-skew)
	}
	span := last.Sub(first)
	if span < time.Minute {
		span = time.Minute
	}
	pad := span / 10
	tl.Start, tl.End = first.Add(-pad), last.Add(pad)
	for i := range tl.Points {
		tl.Points[i].Pos = tl.pos(tl.Points[i].Time)
	}
	tl.Valid = Span{0, 1}
	tl.State = "valid"
	if hasNbf {
		tl.Valid.From = tl.pos(nbf.Add(-skew))
		tl.Skew = append(tl.Skew, Span{tl.pos(nbf.Add(-skew)), tl.pos(nbf)})
		if now.Add(skew).Before(nbf) {
			tl.State = "not yet valid"
		}
	}
	if hasExp {
		tl.Valid.To = tl.pos(exp.Add(skew))
		tl.Skew = append(tl.Skew, Span{tl.pos(exp), tl.pos(exp.Add(skew))})
		if !now.Before(exp.Add(skew)) {
			tl.State = "expired"
		}
	}
	return tl
}

func (tl *Timeline) pos(t time.Time) float64 {
	total := tl.End.Sub(tl.Start)
	if total <= 0 {
		return 0
	}
	p := float64(t.Sub(tl.Start)) / float64(total)
	return min(max(p, 0), 1)
}
