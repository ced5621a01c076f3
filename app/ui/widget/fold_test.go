package widget

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestFoldPrerendersItsContent: prerendered (natively, where go-app is not
// the client), a fold carries its summary and its content, closed.
func TestFoldPrerendersItsContent(t *testing.T) {
	calls := 0
	f := &Fold{ID: "f", Class: "c", Summary: "More", Content: func() []app.UI {
		calls++
		return []app.UI{app.Input().ID("inside")}
	}}
	html := app.HTMLString(f)
	for _, want := range []string{`<details`, `id="f"`, `<summary>More</summary>`, `id="inside"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the prerendered fold lacks %s:\n%s", want, html)
		}
	}
	if strings.Contains(html, " open") || calls != 1 {
		t.Errorf("prerendered open, or its content built %d times:\n%s", calls, html)
	}
}
