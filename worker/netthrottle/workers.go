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

// watched holds the tabs whose workers are attached.
var watched sync.Map // *chromedp.Target → struct{}

// ErrAttached is returned by Workers for a tab whose workers are
// attached already, by Workers or Set: call Workers first.
var ErrAttached = errors.New("netthrottle: the tab's workers are attached already")

// Workers attaches to every worker the tab in ctx starts, before the
// worker runs: a dedicated worker gets the Network domain enabled, which
// both the rule of Set and onEvent need, and then every worker is let
// run. onEvent, when not nil, is called with each protocol event of a
// dedicated worker. The sessions are the protocol's non-flat ones
// (Target.sendMessageToTarget), whose messages reach the tab's own
// session as Target.receivedMessageFromTarget events.
func Workers(ctx context.Context, onEvent func(Event)) error {
	return attach(ctx, onEvent, true)
}

func attach(ctx context.Context, onEvent func(Event), once bool) error {
	cc := chromedp.FromContext(ctx)
	if cc == nil {
		return ErrNoTarget
	}
	if cc.Target == nil {
		if err := chromedp.Run(ctx); err != nil {
			return err
		}
	}
	tab := cc.Target
	if _, dup := watched.LoadOrStore(tab, struct{}{}); dup {
		if once {
			return ErrAttached
		}
		return nil
	}
	go func() {
		<-ctx.Done()
		watched.Delete(tab)
	}()
	send := func(session target.SessionID, msg string) {
		// The answer is the worker's business; a worker that has gone
		// away meanwhile needs nothing.
		_ = tab.Execute(ctx, "Target.sendMessageToTarget", &struct {
			Message   string `json:"message"`
			SessionID string `json:"sessionId"`
		}{msg, string(session)}, nil)
	}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *target.EventAttachedToTarget:
			go func() {
				if e.TargetInfo.Type == "worker" {
					send(e.SessionID, `{"id":1,"method":"Network.enable"}`)
				}
				send(e.SessionID, `{"id":2,"method":"Runtime.runIfWaitingForDebugger"}`)
			}()
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
		return fmt.Errorf("netthrottle: attaching to workers: %w", err)
	}
	return nil
}
