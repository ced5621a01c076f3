package main

import (
	"fmt"
	"strings"
	"time"
)

// markdown renders the results as a table with each Authlab figure over
// the baseline's from the same run.
func markdown(rs []result, runs, keys int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Front-end benchmark: time to usable\n\n")
	fmt.Fprintf(&b, "Headless chromium, %s. From navigation start to a pasted token's payload drawn; medians of %d runs, each in a fresh profile (first visit), then again in the same profile (repeat visit, service worker and caches warm). Keystroke: %d edits of the payload, input event to the next frame with the new output.\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"), runs, keys)
	b.WriteString("| page | network | first visit | transferred | repeat visit | transferred | keystroke p50 | keystroke p95 |\n|---|---|---:|---:|---:|---:|---:|---:|\n")
	base := map[string]result{}
	for _, r := range rs {
		if strings.HasPrefix(r.page, "jose") {
			base[r.net] = r
		}
	}
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %s | %.0f ms | %d KiB | %.0f ms | %d KiB | %.1f ms | %.1f ms |\n",
			r.page, r.net, r.firstMS, r.firstBytes/1024, r.repeatMS, r.repeatBytes/1024, r.keyP50, r.keyP95)
	}
	b.WriteString("\nRatios, Authlab over the baseline in the same run (below 1.0 is better):\n\n| network | first visit | repeat visit | bytes, first | keystroke p95 |\n|---|---:|---:|---:|---:|\n")
	for _, r := range rs {
		bl, ok := base[r.net]
		if !ok || r.page == bl.page {
			continue
		}
		fmt.Fprintf(&b, "| %s | %.2f× | %.2f× | %.2f× | %.2f× |\n", r.net,
			r.firstMS/bl.firstMS, r.repeatMS/bl.repeatMS, float64(r.firstBytes)/float64(max(bl.firstBytes, 1)), r.keyP95/bl.keyP95)
	}
	return b.String()
}
