package countdown_test

import (
	"context"
	"testing"
	"time"

	"github.com/authlab/authlab/app/ui/countdown"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestLeft(t *testing.T) {
	c := countdown.Countdown{Deadline: t0.Add(60 * time.Second)}
	for _, tc := range []struct {
		name    string
		at      time.Duration
		left    time.Duration
		expired bool
	}{
		{"at issue", 0, 60 * time.Second, false},
		{"a moment later", 300 * time.Millisecond, 60 * time.Second, false},
		{"one second later", time.Second, 59 * time.Second, false},
		{"a sliver before", 60*time.Second - time.Nanosecond, time.Second, false},
		{"at the deadline", 60 * time.Second, 0, true},
		{"long after", time.Hour, 0, true},
		{"before issue", -5 * time.Second, 65 * time.Second, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now := t0.Add(tc.at)
			if got := c.Left(now); got != tc.left {
				t.Errorf("Left = %v, want %v", got, tc.left)
			}
			if got := c.Expired(now); got != tc.expired {
				t.Errorf("Expired = %v, want %v", got, tc.expired)
			}
		})
	}
}

// fakeClock is a clock the test moves: each timer Run starts is handed to
// the test, which advances the time and fires it.
type fakeClock struct {
	now    time.Time
	timers chan fakeTimer
}

type fakeTimer struct {
	d       time.Duration
	fire    chan time.Time
	stopped chan struct{}
}

func newFakeClock() *fakeClock { return &fakeClock{now: t0, timers: make(chan fakeTimer)} }

func (f *fakeClock) clock() countdown.Clock {
	return countdown.Clock{
		Now: func() time.Time { return f.now },
		Timer: func(d time.Duration) (<-chan time.Time, func() bool) {
			ft := fakeTimer{d: d, fire: make(chan time.Time, 1), stopped: make(chan struct{})}
			f.timers <- ft
			return ft.fire, func() bool { close(ft.stopped); return true }
		},
	}
}

// run starts Run and returns what it shows, and a channel closed when it
// returns.
func run(ctx context.Context, c countdown.Countdown, clk countdown.Clock) (<-chan time.Duration, <-chan struct{}) {
	shown, done := make(chan time.Duration, 100), make(chan struct{})
	go func() {
		defer close(done)
		c.Run(ctx, clk, func(left time.Duration) { shown <- left })
	}()
	return shown, done
}

// TestRunToZero: Run shows every second from 3 down to 0, waking exactly
// when the whole seconds change, then returns without starting a timer.
func TestRunToZero(t *testing.T) {
	f := newFakeClock()
	f.now = t0.Add(250 * time.Millisecond) // the page learnt of the code a moment after issue
	shown, done := run(context.Background(), countdown.Countdown{Deadline: t0.Add(3 * time.Second)}, f.clock())
	want := []time.Duration{3 * time.Second, 2 * time.Second, time.Second, 0}
	waits := []time.Duration{750 * time.Millisecond, time.Second, time.Second}
	for i, w := range want {
		if got := <-shown; got != w {
			t.Fatalf("show %d: %v, want %v", i, got, w)
		}
		if i == len(waits) {
			break
		}
		ft := <-f.timers
		if ft.d != waits[i] {
			t.Fatalf("timer %d waits %v, want %v", i, ft.d, waits[i])
		}
		f.now = f.now.Add(ft.d)
		ft.fire <- f.now
	}
	select {
	case <-done:
	case ft := <-f.timers:
		t.Fatalf("a timer of %v started after the countdown reached 0", ft.d)
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return at 0")
	}
	if len(shown) != 0 {
		t.Fatalf("shown after 0: %v", <-shown)
	}
}

// TestRunLate: a clock that fires late (a busy page) skips to the true
// time left rather than counting every second.
func TestRunLate(t *testing.T) {
	f := newFakeClock()
	shown, done := run(context.Background(), countdown.Countdown{Deadline: t0.Add(10 * time.Second)}, f.clock())
	if got := <-shown; got != 10*time.Second {
		t.Fatalf("first show %v", got)
	}
	ft := <-f.timers
	f.now = t0.Add(7500 * time.Millisecond)
	ft.fire <- f.now
	if got := <-shown; got != 3*time.Second {
		t.Fatalf("after a late tick: %v, want 3s", got)
	}
	if ft := <-f.timers; ft.d != 500*time.Millisecond {
		t.Fatalf("next wait %v, want 500ms", ft.d)
	} else {
		f.now = t0.Add(time.Hour)
		ft.fire <- f.now
	}
	if got := <-shown; got != 0 {
		t.Fatalf("after the deadline: %v", got)
	}
	<-done
}

// TestRunCancelled: when its context ends (the code was redeemed, or the
// page left), Run stops its timer and returns.
func TestRunCancelled(t *testing.T) {
	f := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	shown, done := run(ctx, countdown.Countdown{Deadline: t0.Add(60 * time.Second)}, f.clock())
	<-shown
	ft := <-f.timers
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return when its context ended")
	}
	select {
	case <-ft.stopped:
	default:
		t.Fatal("the pending timer was not stopped")
	}
	if len(shown) != 0 {
		t.Fatalf("shown after cancel: %v", <-shown)
	}
}

// TestRunExpiredAlready: a deadline already past shows 0 once and starts
// no timer.
func TestRunExpiredAlready(t *testing.T) {
	f := newFakeClock()
	shown, done := run(context.Background(), countdown.Countdown{Deadline: t0.Add(-time.Second)}, f.clock())
	if got := <-shown; got != 0 {
		t.Fatalf("show %v", got)
	}
	select {
	case <-done:
	case ft := <-f.timers:
		t.Fatalf("a timer of %v started", ft.d)
	}
}

// TestSystemClock: the real clock's timer fires and can be stopped.
func TestSystemClock(t *testing.T) {
	fired, _ := countdown.System.Timer(time.Millisecond)
	<-fired
	_, stop := countdown.System.Timer(time.Hour)
	if !stop() {
		t.Fatal("a pending real timer could not be stopped")
	}
}
