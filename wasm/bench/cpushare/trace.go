package cpushare

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// Categories are the trace categories Load records: the main thread's
// tasks (RunTask, in the category Lighthouse's own trace records them
// in) with their thread time, V8's WebAssembly compilation, and the
// thread names, and the first contentful paint. Few categories keep the tracing's own cost, which shares
// the machine with the page, near Lighthouse's.
var Categories = []string{"toplevel", "disabled-by-default-devtools.timeline", "v8.wasm", "loading", "__metadata"}

// Load traces one load of url in the browser of ctx, a fresh tab, until
// the JavaScript expression ready is true and settle has passed, and
// analyses it (Analyse).
func Load(ctx context.Context, url, ready string, settle time.Duration) (Stats, error) {
	var mu sync.Mutex
	var raw []json.RawMessage
	done := make(chan struct{})
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range ev.Value {
				raw = append(raw, json.RawMessage(v))
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(done)
		}
	})
	err := chromedp.Run(ctx,
		chromedp.Navigate("about:blank"),
		tracing.Start().WithTraceConfig(&tracing.TraceConfig{IncludedCategories: Categories}).
			WithTransferMode(tracing.TransferModeReportEvents),
		chromedp.Navigate(url),
		chromedp.Poll(ready, nil, chromedp.WithPollingTimeout(90*time.Second)),
		chromedp.Sleep(settle),
		tracing.End(),
	)
	if err != nil {
		return Stats{}, err
	}
	select {
	case <-done:
	case <-ctx.Done():
		return Stats{}, ctx.Err()
	}
	mu.Lock()
	defer mu.Unlock()
	events, err := Parse(raw)
	if err != nil {
		return Stats{}, err
	}
	return Analyse(events)
}
