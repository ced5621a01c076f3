package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/attack"
	"github.com/authlab/authlab/app/ui/input"
)

// crackState is the dictionary attack on the lab's weak-secret token.
type crackState struct {
	words   string // the reader's own word list, one per line
	running bool
	cancel  context.CancelFunc
	tried   int
	total   int
	rate    float64 // guesses per second
	secret  string
	outcome string
}

// crackYield is how long the cracker works before it lets the page draw
// and handle events: it runs in the page's own thread, in slices.
const crackYield = 40 * time.Millisecond

func (l *attackLab) onCrack(ctx app.Context, e app.Event) {
	if l.lab == nil || l.crack.running {
		return
	}
	words := attack.Words(l.crack.words)
	token := l.lab.Tokens["weak-secret"]
	c, cancel := context.WithCancel(context.Background())
	l.crack = crackState{words: l.crack.words, running: true, cancel: cancel, total: len(words)}
	ctx.Async(func() {
		start, slice, last := time.Now(), time.Now(), 0
		secret, err := attack.Crack(c, token, words, func(tried int) {
			last = tried
			if time.Since(slice) < crackYield {
				return
			}
			rate := float64(tried) / time.Since(start).Seconds()
			ctx.Dispatch(func(ctx app.Context) { l.crack.tried, l.crack.rate = tried, rate })
			time.Sleep(time.Millisecond) // back to the event loop: the page draws, Cancel works
			slice = time.Now()
		})
		took := time.Since(start)
		ctx.Dispatch(func(ctx app.Context) {
			s := &l.crack
			s.running, s.secret, s.tried = false, secret, last
			switch {
			case err == nil:
				s.outcome = fmt.Sprintf("Found %q in %s. Build the attack: the token is signed again with it, sub changed to admin.", secret, took.Round(time.Millisecond))
			case errors.Is(err, context.Canceled):
				s.outcome = "Cancelled."
			default:
				s.outcome = err.Error()
			}
			if took > 0 && s.tried > 0 {
				s.rate = float64(s.tried) / took.Seconds()
			}
		})
	})
}

func (l *attackLab) onCancelCrack(ctx app.Context, e app.Event) {
	if l.crack.cancel != nil {
		l.crack.cancel()
	}
}

func (l *attackLab) crackView() app.UI {
	s := l.crack
	return app.Div().Class("crack").Body(
		app.P().Class("hint").Text("The lab's weak-secret token is HS256. The secret is tried offline, word by word, over your own list and then the well-known demo secrets: no request is sent."),
		app.Label().For("crack-words").Text("More words to try, one per line"),
		app.Textarea().ID("crack-words").Class("short").Spellcheck(false).Text(s.words).
			OnInput(func(ctx app.Context, e app.Event) { l.crack.words = input.Value(ctx) }),
		app.Div().Class("buttons").Body(
			input.DisabledIf(app.Button().ID("crack").Type("button").Text("Crack the secret"), l.lab == nil || s.running).OnClick(l.onCrack),
			input.DisabledIf(app.Button().ID("crack-cancel").Class("secondary").Type("button").Text("Cancel"), !s.running).OnClick(l.onCancelCrack),
		),
		app.If(s.total > 0, func() app.UI {
			return app.Div().Body(
				app.Progress().ID("crack-progress").Max(s.total).Value(s.tried).Aria("label", "Words tried"),
				app.P().ID("crack-status").Aria("live", "polite").Text(fmt.Sprintf("%d of %d words, %.0f guesses per second. %s", s.tried, s.total, s.rate, s.outcome)),
			)
		}),
	)
}
