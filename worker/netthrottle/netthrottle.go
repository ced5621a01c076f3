// Package netthrottle emulates a slow network in a chromium tab through
// the DevTools protocol, for the browser benchmark and the end-to-end
// tests.
//
// Network.emulateNetworkConditions throttles the tab's own requests only:
// a dedicated worker's fetches, such as web/compile.js's download of
// app.wasm, pass at full speed. A global rule of
// Network.emulateNetworkConditionsByRule throttles the requests of the
// tab and of the workers it starts, as they share one link.
package netthrottle

import (
	"context"
	"errors"
	"fmt"

	"github.com/chromedp/chromedp"
)

// ErrNoTarget is returned when the context has no chromium tab.
var ErrNoTarget = errors.New("netthrottle: the context has no chromium tab")

// conditions is the protocol's Network.NetworkConditions; an empty URL
// pattern makes the rule apply to every request.
type conditions struct {
	URLPattern         string  `json:"urlPattern"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
	Offline            bool    `json:"offline"`
}

type byRule struct {
	Matched []conditions `json:"matchedNetworkConditions"`
}

// Set makes every request of the tab in ctx, and of its workers, wait
// latencyMS from being sent to its response's headers, and share
// bytesPerSecond in each direction. Set(ctx, 0, -1) lifts the limits.
// The rule reaches a worker's requests once the worker's Network domain
// is enabled, so Set attaches to the tab's workers (Workers) unless that
// was done.
func Set(ctx context.Context, latencyMS, bytesPerSecond float64) error {
	if err := attach(ctx, nil, false); err != nil {
		return err
	}
	c := conditions{Latency: latencyMS, DownloadThroughput: bytesPerSecond, UploadThroughput: bytesPerSecond}
	if err := chromedp.FromContext(ctx).Target.Execute(ctx, "Network.emulateNetworkConditionsByRule", &byRule{[]conditions{c}}, nil); err != nil {
		return fmt.Errorf("netthrottle: %w", err)
	}
	return nil
}
