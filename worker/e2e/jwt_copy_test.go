//go:build e2e

package e2e_test

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestJWTWorkbenchCopyButtons: each copy button puts its text on the
// clipboard.
func TestJWTWorkbenchCopyButtons(t *testing.T) {
	ctx, _ := openJWT(t, "")
	if err := chromedp.Run(ctx, browser.GrantPermissions([]browser.PermissionType{
		browser.PermissionTypeClipboardReadWrite, browser.PermissionTypeClipboardSanitizedWrite,
	}).WithOrigin(baseURL)); err != nil {
		t.Fatal(err)
	}
	token, _, _ := signed(t, "ES256", liveClaims())
	if err := chromedp.Run(ctx,
		pasteToken("#token", "Bearer "+token),
		setValue("#gen-kind", "P-256"),
		clickSteady("#generate"),
		chromedp.WaitVisible("#gen-private-pem", chromedp.ByQuery),
		clickSteady("#sign"), // with the generated key
		chromedp.WaitVisible("#signed", chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	text := func(sel string) string {
		var s string
		chromedp.Run(ctx, chromedp.Evaluate(`(el => el.value !== undefined ? el.value : el.textContent)(document.querySelector(`+jsString(sel)+`))`, &s))
		return s
	}
	for _, c := range []struct{ button, want string }{
		{"#copy-token", token},
		{"#copy-header", text("#header")},
		{"#copy-payload", text("#payload")},
		{"#copy-signed", text("#signed")},
		{"#gen-public-pem-copy", text("#gen-public-pem")},
		{"#gen-public-jwk-copy", text("#gen-public-jwk")},
		{"#gen-private-pem-copy", text("#gen-private-pem")},
		{"#gen-private-jwk-copy", text("#gen-private-jwk")},
	} {
		if c.want == "" {
			t.Errorf("%s: nothing to copy", c.button)
			continue
		}
		var got string
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`navigator.clipboard.writeText("")`, nil, awaitPromise),
			clickSteady(c.button),
		)
		for deadline := time.Now().Add(5 * time.Second); err == nil && got == "" && time.Now().Before(deadline); {
			time.Sleep(100 * time.Millisecond)
			err = chromedp.Run(ctx, chromedp.Evaluate(`navigator.clipboard.readText()`, &got, awaitPromise))
		}
		if err != nil || got != c.want {
			t.Errorf("%s copied %q (%v), want %q", c.button, got, err, c.want)
		}
	}
}
