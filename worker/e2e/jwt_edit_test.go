//go:build e2e

package e2e_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestJWTWorkbenchHighlightsToken checks that a pasted token is coloured
// by segment under the token input's own text: a span per segment and
// dot, with the text around the token kept, lying exactly under the
// textarea, whose own text is transparent and whose caret shows.
func TestJWTWorkbenchHighlightsToken(t *testing.T) {
	ctx, log := openJWT(t, "")
	before := len(log.snapshot())
	token, _, _ := signed(t, "ES256", liveClaims())
	if err := chromedp.Run(ctx, pasteToken("#token", "Bearer "+token)); err != nil {
		t.Fatal(err)
	}
	verdict(t, ctx, "unverified")
	var got struct {
		Spans      [][2]string `json:"spans"`
		Text       string      `json:"text"`
		Class      string      `json:"class"`
		Hidden     string      `json:"hidden"`
		Color      string      `json:"color"`
		Caret      string      `json:"caret"`
		Same       bool        `json:"same"`
		Overflow   bool        `json:"overflow"`
		HeaderSpan string      `json:"headerColor"`
		Label      string      `json:"label"`
	}
	err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const h = document.querySelector("#token-highlight"), ta = document.querySelector("#token");
		const a = h.getBoundingClientRect(), b = ta.getBoundingClientRect();
		const cs = getComputedStyle(ta), hs = getComputedStyle(h);
		const same = ["font", "padding", "borderWidth", "whiteSpace", "wordBreak", "overflowWrap", "lineHeight", "letterSpacing"].every(p => cs[p] === hs[p]);
		return {
			spans: [...h.querySelectorAll("span")].map(s => [s.className, s.textContent]),
			text: h.textContent, class: h.className, hidden: h.getAttribute("aria-hidden"),
			color: cs.color, caret: cs.caretColor,
			same: same && Math.abs(a.left - b.left) < 0.5 && Math.abs(a.top - b.top) < 0.5 && Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5,
			overflow: ta.scrollHeight > ta.clientHeight + 1,
			headerColor: getComputedStyle(h.querySelector(".seg-header")).color,
			label: ta.labels[0].textContent,
		};
	})()`, &got))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(token, ".")
	want := [][2]string{{"seg-header", parts[0]}, {"seg-dot", "."}, {"seg-payload", parts[1]}, {"seg-dot", "."}, {"seg-signature", parts[2]}}
	if len(got.Spans) != len(want) {
		t.Fatalf("highlight spans %q, want %q", got.Spans, want)
	}
	for i := range want {
		if got.Spans[i] != want[i] {
			t.Errorf("span %d is %q, want %q", i, got.Spans[i], want[i])
		}
	}
	if got.Text != "Bearer "+token || !strings.Contains(got.Class, "on") || got.Hidden != "true" {
		t.Errorf("highlight text %q, class %q, aria-hidden %q", got.Text, got.Class, got.Hidden)
	}
	if got.Color != "rgba(0, 0, 0, 0)" || got.Caret == "rgba(0, 0, 0, 0)" || got.HeaderSpan == got.Color {
		t.Errorf("textarea text %s, caret %s, header segment %s", got.Color, got.Caret, got.HeaderSpan)
	}
	if !got.Same || got.Overflow {
		t.Errorf("the highlight does not lie under the textarea (same box and text style: %v; textarea overflows: %v)", got.Same, got.Overflow)
	}
	if got.Label != "Encoded token" {
		t.Errorf("the token input is labelled %q", got.Label)
	}
	noNewRequests(t, log, before, "colouring the token")
}

// TestJWTWorkbenchEditsPayload edits the decoded payload: the token's
// payload segment follows the JSON as it is typed, signed again with the
// HS256 key entered so that the verdict stays valid; editing back gives
// the original token; invalid JSON is refused beside the editor and
// leaves the token; and without a key the signature is kept.
func TestJWTWorkbenchEditsPayload(t *testing.T) {
	ctx, log := openJWT(t, "")
	token, key, enc := signed(t, "HS256", liveClaims())
	if err := chromedp.Run(ctx, setValue("#key-encoding", enc), setValue("#key", key), pasteToken("#token", token)); err != nil {
		t.Fatal(err)
	}
	verdict(t, ctx, "valid")
	before := len(log.snapshot())
	original := valueOf(ctx, "#payload-json")
	if !strings.Contains(original, `"sub": "user-42"`) {
		t.Fatalf("the payload editor holds %q", original)
	}

	// Type at the end of the payload, key by key: the editor keeps the
	// focus and the caret while the token changes under it.
	typed := `, "role": "admin"`
	err := chromedp.Run(ctx,
		chromedp.Evaluate(`(() => { const e = document.querySelector("#payload-json"); e.focus(); const at = e.value.lastIndexOf("}") - 1; e.setSelectionRange(at, at); })()`, nil),
		chromedp.KeyEvent(typed),
	)
	if err != nil {
		t.Fatal(err)
	}
	edited := original[:strings.LastIndex(original, "}")-1] + typed + original[strings.LastIndex(original, "}")-1:]
	waitJS(t, ctx, `document.querySelector("#payload-json").value === `+jsString(edited)+` && document.activeElement.id === "payload-json"`)
	waitJS(t, ctx, `document.querySelector("#token").value !== `+jsString(token))
	now := valueOf(ctx, "#token")
	got, want := strings.Split(now, "."), strings.Split(token, ".")
	payload, err := base64.RawURLEncoding.DecodeString(got[1])
	if err != nil || !strings.HasSuffix(string(payload), `,"role":"admin"}`) || got[0] != want[0] || got[2] == want[2] {
		t.Errorf("edited token %s: payload %q (%v); want the header kept and a new signature", now, payload, err)
	}
	verdict(t, ctx, "valid")
	var note, highlighted string
	chromedp.Run(ctx, chromedp.Text("#resign-note", &note, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("#token-highlight .seg-payload").textContent`, &highlighted))
	if !strings.Contains(note, "Signed again") || highlighted != got[1] {
		t.Errorf("note %q; highlighted payload %q, want %q", note, highlighted, got[1])
	}

	// Editing back gives the original token, byte for byte.
	chromedp.Run(ctx, setValue("#payload-json", original))
	waitJS(t, ctx, `document.querySelector("#token").value === `+jsString(token))
	verdict(t, ctx, "valid")

	// Invalid JSON: an error beside the editor, and the token unchanged.
	chromedp.Run(ctx, setValue("#payload-json", `{"sub": "user-42",`))
	waitJS(t, ctx, `document.querySelector("#payload-json-error").textContent.includes("Not a valid JSON object")`)
	var invalid string
	chromedp.Run(ctx, chromedp.AttributeValue("#payload-json", "aria-invalid", &invalid, nil, chromedp.ByQuery))
	if valueOf(ctx, "#token") != token || invalid != "true" {
		t.Errorf("after invalid JSON the token is %q and aria-invalid %q", valueOf(ctx, "#token"), invalid)
	}
	verdict(t, ctx, "valid")

	// Without a key the signature is kept, and no longer matches.
	chromedp.Run(ctx, setValue("#key", ""), setValue("#payload-json", `{"sub":"admin"}`))
	waitJS(t, ctx, `document.querySelector("#token").value.split(".")[1] === `+jsString(base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"admin"}`))))
	if s := strings.Split(valueOf(ctx, "#token"), ".")[2]; s != want[2] {
		t.Errorf("without a key the signature became %s, want %s", s, want[2])
	}
	chromedp.Run(ctx, chromedp.Text("#resign-note", &note, chromedp.ByQuery))
	if !strings.Contains(note, "no longer matches") {
		t.Errorf("note %q", note)
	}
	chromedp.Run(ctx, setValue("#key", key))
	verdict(t, ctx, "invalid", "does not match")

	// The header too: a kid typed into it is in the token, signed again.
	chromedp.Run(ctx, setValue("#header-json", `{"alg":"HS256","typ":"JWT","kid":"k1"}`))
	waitJS(t, ctx, `document.querySelector("#token").value.startsWith(`+jsString(base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT","kid":"k1"}`))+".")+`)`)
	verdict(t, ctx, "valid")
	noNewRequests(t, log, before, "editing the JSON")
}

// waitJS waits until cond is true in the page.
func waitJS(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	if err := chromedp.Run(ctx, chromedp.Poll(cond, nil, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("never true: %s (%v)", cond, err)
	}
}
