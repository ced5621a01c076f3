// Package countdown counts the whole seconds left until a deadline, such as
// the expiry of an OAuth 2.0 authorization code (RFC 6749 §4.1.2), on a
// clock that tests can drive. It wakes only when the number shown changes,
// and stops once the deadline has passed or its context ends.
package countdown

import (
	"context"
	"time"
)

// Clock is the time source: Now, and Timer, which starts a timer as
// time.NewTimer does and returns its channel and its Stop. Tests pass a
// clock they advance by hand.
type Clock struct {
	Now   func() time.Time
	Timer func(time.Duration) (<-chan time.Time, func() bool)
}

// System is the real clock.
var System = Clock{Now: time.Now, Timer: func(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}}

// Countdown counts down to Deadline.
type Countdown struct {
	Deadline time.Time
}

// Left is the time left at now in whole seconds, rounded up, so that it
// shows 0 only once the deadline has passed; never negative.
func (c Countdown) Left(now time.Time) time.Duration {
	d := c.Deadline.Sub(now)
	if d <= 0 {
		return 0
	}
	return (d + time.Second - 1).Truncate(time.Second)
}

// Expired reports whether the deadline has passed at now.
func (c Countdown) Expired(now time.Time) bool { return !now.Before(c.Deadline) }

// Run calls show with the time left, at once and then each time it drops
// by a second, until it reaches 0 or ctx ends. It waits on one timer of
// clk at a time, stops it when ctx ends, and returns: no goroutine or
// timer of it outlives the countdown. Run blocks; a page runs it in a
// goroutine of its own.
func (c Countdown) Run(ctx context.Context, clk Clock, show func(left time.Duration)) {
	for {
		now := clk.Now()
		left := c.Left(now)
		show(left)
		if left == 0 {
			return
		}
		// Wake when the deadline is one second nearer than "left" says.
		wait := c.Deadline.Sub(now) - (left - time.Second)
		fired, stop := clk.Timer(wait)
		select {
		case <-ctx.Done():
			stop()
			return
		case <-fired:
		}
	}
}
