// Package netthrottle emulates a slow network in a chromium tab through
// the DevTools protocol, for the browser benchmark and the end-to-end
// tests.
//
// Network.emulateNetworkConditions throttles the tab's own requests only:
// a dedicated worker's fetches, such as web/compile.js's download of
// app.wasm, and a service worker's, such as its install's, pass at full
// speed. Set throttles all of them, as they share one link.
package netthrottle

import (
	"context"
	"errors"

	"github.com/chromedp/cdproto/network"
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

// legacy is c as Network.emulateNetworkConditions takes it.
func (c conditions) legacy() *network.EmulateNetworkConditionsParams {
	return network.EmulateNetworkConditions(c.Offline, c.Latency, c.DownloadThroughput, c.UploadThroughput)
}

type byRule struct {
	Matched []conditions `json:"matchedNetworkConditions"`
}

// Set makes every request of the tab in ctx and of its workers wait
// latencyMS from being sent to its response's headers, and share
// bytesPerSecond in each direction; Set(ctx, 0, -1) lifts the limits.
// The tab and its dedicated workers get a global rule of
// Network.emulateNetworkConditionsByRule, each service worker
// Network.emulateNetworkConditions in its own session. Set attaches to
// the tab's workers (Workers) unless that was done.
func Set(ctx context.Context, latencyMS, bytesPerSecond float64) error {
	tb, err := attach(ctx, nil, false)
	if err != nil {
		return err
	}
	return tb.set(ctx, conditions{Latency: latencyMS, DownloadThroughput: bytesPerSecond, UploadThroughput: bytesPerSecond})
}
