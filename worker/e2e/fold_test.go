//go:build e2e

package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestFoldMountsOnOpen: the workbench's JWE forms are widget.Folds (whose
// prerendered content widget's tests check). The live page mounts a form
// only once its <details> opens, and then it works and keeps what was
// typed when it closes and opens again.
func TestFoldMountsOnOpen(t *testing.T) {
	ctx, _ := openJWT(t, "")
	var closed bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`!!document.querySelector("details#jwe-encrypt > summary") && !document.querySelector("#jwe-enc-plaintext") && !document.querySelector("#authjs-cookie")`, &closed)); err != nil {
		t.Fatal(err)
	}
	if !closed {
		t.Error("the live page mounted the closed folds' content, or lost their summaries")
	}
	var token string
	err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("details#jwe-encrypt").open = true`, nil),
		chromedp.WaitReady("#jwe-enc-plaintext", chromedp.ByQuery),
		setValue("#jwe-enc-plaintext", `{"sub":"fold"}`),
		setValue("#jwe-enc-key", "0123456789abcdef"),
		setValue("#jwe-alg", "dir"),
		setValue("#jwe-enc", "A128GCM"),
		clickSteady("#encrypt"),
		chromedp.Poll(`(document.querySelector("#encrypted") || {}).value || ""`, &token, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if parts := strings.Split(token, "."); len(parts) != 5 || parts[1] != "" {
		t.Errorf("the opened fold's form made %q, want a compact JWE with alg dir", token)
	}
	// Closing and opening again keeps the mounted form, the same nodes with
	// what was typed: toggle waits for the element's toggle event and for
	// two frames, by which go-app has drawn what its handler changed.
	const toggle = `new Promise(resolve => {
		const d = document.querySelector("details#jwe-encrypt");
		d.addEventListener("toggle", () => requestAnimationFrame(() => requestAnimationFrame(resolve)), { once: true });
		d.open = !d.open;
	})`
	var kept string
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("#jwe-enc-plaintext").dataset.mark = "1"`, nil),
		chromedp.Evaluate(toggle, nil, awaitPromise),
		chromedp.Evaluate(toggle, nil, awaitPromise),
		chromedp.Evaluate(`(e => e ? e.dataset.mark + " " + e.value : "gone")(document.querySelector("#jwe-enc-plaintext"))`, &kept),
	)
	if err != nil || kept != `1 {"sub":"fold"}` {
		t.Errorf("after closing and opening the fold, the plaintext field is %q (%v), want the same node with the same text", kept, err)
	}
}
