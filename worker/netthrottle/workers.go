package netthrottle

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Event is a DevTools protocol event from one of the tab's workers.
type Event struct {
	Session string          // the worker's session, unique in the tab
	Method  string          // such as "Network.responseReceived"
	Params  json.RawMessage // the event's parameters
}

// ErrAttached is returned by Workers for a tab whose workers are
// attached already, by Workers or Set: call Workers first.
var ErrAttached = errors.New("netthrottle: the tab's workers are attached already")

// tab is one chromium tab whose workers are attached: the conditions set
// last, and the sessions of its service workers, which the tab's rule
// does not reach and which get the conditions themselves.
type tab struct {
	t        *chromedp.Target
	mu       sync.Mutex
	cond     *conditions
	services []target.SessionID
}

var tabs sync.Map // *chromedp.Target → *tab

// Workers attaches to every worker the tab in ctx starts, before the
// worker runs, and lets it run once its Network domain is enabled: the
// rule of Set reaches a dedicated worker's requests only then, and a
// service worker is given Set's conditions itself. onEvent, when not
// nil, is called with each protocol event of those workers. The sessions
// are the protocol's non-flat ones (Target.sendMessageToTarget), whose
// messages reach the tab's own session as
// Target.receivedMessageFromTarget events.
func Workers(ctx context.Context, onEvent func(Event)) error {
	_, err := attach(ctx, onEvent, true)
	return err
}

func attach(ctx context.Context, onEvent func(Event), once bool) (*tab, error) {
	cc := chromedp.FromContext(ctx)
	if cc == nil {
		return nil, ErrNoTarget
	}
	if cc.Target == nil {
		if err := chromedp.Run(ctx); err != nil {
			return nil, err
		}
	}
	tb := &tab{t: cc.Target}
	if old, dup := tabs.LoadOrStore(cc.Target, tb); dup {
		if once {
			return nil, ErrAttached
		}
		return old.(*tab), nil
	}
	go func() {
		<-ctx.Done()
		tabs.Delete(cc.Target)
	}()
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *target.EventAttachedToTarget:
			go tb.prepare(ctx, e.SessionID, e.TargetInfo.Type)
		case *target.EventReceivedMessageFromTarget:
			if onEvent == nil {
				return
			}
			var m struct {
				Method string          `json:"method"`
				Params json.RawMessage `json:"params"`
			}
			if json.Unmarshal([]byte(e.Message), &m) == nil && m.Method != "" {
				onEvent(Event{Session: string(e.SessionID), Method: m.Method, Params: m.Params})
			}
		}
	})
	if err := chromedp.Run(ctx, target.SetAutoAttach(true, true).WithFlatten(false)); err != nil {
		return nil, fmt.Errorf("netthrottle: attaching to workers: %w", err)
	}
	return tb, nil
}

// prepare readies a worker that waits for the debugger, and lets it run.
func (tb *tab) prepare(ctx context.Context, session target.SessionID, kind string) {
	switch kind {
	case "worker":
		tb.send(ctx, session, "Network.enable", nil)
	case "service_worker":
		tb.send(ctx, session, "Network.enable", nil)
		tb.mu.Lock()
		tb.services = append(tb.services, session)
		c := tb.cond
		tb.mu.Unlock()
		if c != nil {
			tb.send(ctx, session, "Network.emulateNetworkConditions", c.legacy())
		}
	}
	tb.send(ctx, session, "Runtime.runIfWaitingForDebugger", nil)
}

// set applies c to the tab, its dedicated workers and its service
// workers.
func (tb *tab) set(ctx context.Context, c conditions) error {
	tb.mu.Lock()
	tb.cond = &c
	services := append([]target.SessionID(nil), tb.services...)
	tb.mu.Unlock()
	if err := tb.t.Execute(ctx, "Network.emulateNetworkConditionsByRule", &byRule{[]conditions{c}}, nil); err != nil {
		return fmt.Errorf("netthrottle: %w", err)
	}
	for _, s := range services {
		tb.send(ctx, s, "Network.emulateNetworkConditions", c.legacy())
	}
	return nil
}

// send sends a command to a worker's session. Its answer is the
// worker's business: a worker that has gone away needs nothing.
func (tb *tab) send(ctx context.Context, session target.SessionID, method string, params any) {
	msg, err := json.Marshal(struct {
		ID     int    `json:"id"`
		Method string `json:"method"`
		Params any    `json:"params,omitempty"`
	}{1, method, params})
	if err != nil {
		return
	}
	_ = tb.t.Execute(ctx, "Target.sendMessageToTarget", &struct {
		Message   string `json:"message"`
		SessionID string `json:"sessionId"`
	}{string(msg), string(session)}, nil)
}
