package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/ui/input"
)

// The cracker's Web Worker and its module (wasm/crack), which the
// service worker caches with the pages.
const (
	crackWorker = "/web/crack.js"
	crackModule = "/web/crack.wasm"
)

// crackState is the dictionary attack on the lab's weak-secret token. It
// runs in a Web Worker, off the page's thread, which also makes the word
// list; Cancel ends the worker.
type crackState struct {
	words     string // the reader's own word list, one per line
	running   bool
	worker    app.Value
	idle      app.Value // a worker started ahead, its module compiled, or nil
	onMessage app.Func
	secret    string
	meter     *crackMeter
}

// crackMessage is what the worker posts: progress, or the end.
type crackMessage struct {
	done            bool
	tried, total    int
	ms              float64
	secret, problem string
}

// crackMeter shows the cracker's progress. It is a component of its own
// so that the worker's frequent reports redraw it alone, not the lab.
type crackMeter struct {
	app.Compo
	ctx          app.Context
	mounted      bool
	running      bool
	runs         int
	tried, total int
	rate         float64 // guesses per second
	outcome      string
}

func (m *crackMeter) OnMount(ctx app.Context) { m.ctx, m.mounted = ctx, true }

func (m *crackMeter) OnDismount() { m.mounted = false }

// show redraws the meter with a progress report, and nothing else: a
// dispatch flags every enclosing component for an update, so those of
// the lab (whose context is lab) are told not to.
func (m *crackMeter) show(lab app.Context, msg crackMessage, current func() bool) {
	m.ctx.Dispatch(func(app.Context) {
		if current() {
			m.take(msg)
		}
		lab.PreventUpdate()
	})
}

func (m *crackMeter) Render() app.UI {
	if m.total == 0 {
		return app.Div()
	}
	return app.Div().Body(
		app.Progress().ID("crack-progress").Max(m.total).Value(m.tried).Aria("label", "Words tried"),
		app.P().ID("crack-status").Aria("live", "polite").DataSet("running", m.running).DataSet("run", m.runs).
			Text(fmt.Sprintf("%d of %d words, %.0f guesses per second. %s", m.tried, m.total, m.rate, m.outcome)),
	)
}

// redraw asks for the meter to be drawn again after the lab changed it:
// the lab's own redraw passes it by, as it has no exported fields.
func (m *crackMeter) redraw() {
	if m.mounted {
		m.ctx.Update()
	}
}

// take shows a report of the worker's.
func (m *crackMeter) take(msg crackMessage) {
	m.tried, m.total = msg.tried, max(msg.total, 1)
	if msg.ms > 0 {
		m.rate = float64(msg.tried) / (msg.ms / 1000)
	}
}

func (l *attackLab) onCrack(ctx app.Context, e app.Event) {
	if l.lab == nil || l.crack.running {
		return
	}
	w := l.crack.idle
	if w == nil {
		w = newCrackWorker()
	}
	meter := l.crack.meter
	meter.running, meter.tried, meter.total, meter.rate, meter.outcome = true, 0, 1, 0, ""
	meter.runs++
	l.crack = crackState{words: l.crack.words, running: true, worker: w, meter: meter}
	meter.redraw()
	l.crack.onMessage = app.FuncOf(func(this app.Value, args []app.Value) any {
		m := crackMessage{done: true, problem: "the cracker's worker failed to start"}
		if ev := args[0]; ev.Get("type").String() == "message" {
			d := ev.Get("data")
			m = crackMessage{done: d.Get("type").String() == "done", tried: d.Get("tried").Int(), total: d.Get("total").Int(), ms: d.Get("ms").Float()}
			if m.done {
				m.secret, m.problem = d.Get("secret").String(), d.Get("error").String()
			}
		}
		if !m.done && meter.mounted {
			meter.show(ctx, m, func() bool { return l.crack.running && l.crack.worker.Equal(w) })
			return nil
		}
		ctx.Dispatch(func(ctx app.Context) { l.onCrackDone(w, m) })
		return nil
	})
	w.Set("onmessage", l.crack.onMessage)
	w.Set("onerror", l.crack.onMessage)
	w.Call("postMessage", map[string]any{"token": l.lab.Tokens["weak-secret"], "extra": l.crack.words,
		"known": strings.Join(jot.KnownWeakSecrets(), "\n")})
}

// onCrackDone takes the worker's last report, unless that worker was
// cancelled since.
func (l *attackLab) onCrackDone(w app.Value, m crackMessage) {
	s := &l.crack
	if !s.running || !s.worker.Equal(w) {
		return
	}
	l.stopCrack(false)
	s.meter.take(m)
	switch {
	case m.problem == "":
		s.secret = m.secret
		s.meter.outcome = fmt.Sprintf("Found %q in %.0f ms. Build the attack: the token is signed again with it, sub changed to admin.", m.secret, m.ms)
	default:
		s.meter.outcome = m.problem
	}
	s.meter.redraw()
}

// newCrackWorker starts the cracker's worker, which compiles its module
// and waits for a list.
func newCrackWorker() app.Value { return app.Window().Get("Worker").New(href(crackWorker)) }

// prepareCrack starts a worker ahead of the reader's click.
func (l *attackLab) prepareCrack() {
	if l.crack.idle == nil {
		l.crack.idle = newCrackWorker()
	}
}

// stopCrack stops listening to the running worker, if any. A cancelled
// worker is ended, and a new one started ahead; a finished one waits for
// the next list.
func (l *attackLab) stopCrack(cancel bool) {
	s := &l.crack
	if !s.running {
		return
	}
	s.worker.Set("onmessage", nil)
	s.worker.Set("onerror", nil)
	s.onMessage.Release()
	if cancel {
		s.worker.Call("terminate")
		s.idle = newCrackWorker()
	} else {
		s.idle = s.worker
	}
	s.running, s.worker, s.onMessage = false, nil, nil
	s.meter.running = false
}

func (l *attackLab) onCancelCrack(ctx app.Context, e app.Event) {
	if l.crack.running {
		l.stopCrack(true)
		l.crack.meter.outcome = "Cancelled."
		l.crack.meter.redraw()
	}
}

// OnDismount ends the cracker's workers when the reader leaves the page.
func (l *attackLab) OnDismount() {
	l.stopCrack(true)
	if l.crack.idle != nil {
		l.crack.idle.Call("terminate")
		l.crack.idle = nil
	}
}

func (l *attackLab) crackView() app.UI {
	s := &l.crack
	if s.meter == nil {
		s.meter = &crackMeter{}
	}
	return app.Div().Class("crack").Body(
		app.P().Class("hint").Text("The lab's weak-secret token is HS256. The secret is tried offline, word by word, over your own list and then the well-known demo secrets, in a background worker: the page stays responsive, and no request is sent."),
		app.Label().For("crack-words").Text("More words to try, one per line"),
		// The list may be long: the textarea keeps it, and the page does
		// not write it back on every render.
		app.Textarea().ID("crack-words").Class("short").Spellcheck(false).
			OnInput(func(ctx app.Context, e app.Event) { l.crack.words = input.Value(ctx) }),
		app.Div().Class("buttons").Body(
			input.DisabledIf(app.Button().ID("crack").Type("button").Text("Crack the secret"), l.lab == nil || s.running).OnClick(l.onCrack),
			input.DisabledIf(app.Button().ID("crack-cancel").Class("secondary").Type("button").Text("Cancel"), !s.running).OnClick(l.onCancelCrack),
		),
		s.meter,
	)
}
