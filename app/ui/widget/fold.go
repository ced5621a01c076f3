package widget

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Fold is a <details> element (HTML §4.11.1) whose content the live page
// mounts only once it has been opened. go-app's first mount creates every
// element, attribute and text of a page with calls from Go into
// JavaScript, in one task; closed content is not shown, so it need not
// be among them. The prerendered page carries the content, so that it
// reads the same before the app starts.
type Fold struct {
	app.Compo
	ID, Class, Summary string
	Content            func() []app.UI
	opened             bool
}

// Render shows the summary, and the content once the fold has been
// opened (always when prerendering).
func (f *Fold) Render() app.UI {
	body := []app.UI{app.Summary().Text(f.Summary)}
	if f.opened || !app.IsClient {
		body = append(body, f.Content()...)
	}
	return app.Details().ID(f.ID).Class(f.Class).OnToggle(f.onToggle).Body(body...)
}

// onToggle mounts the content the first time the element opens; it stays
// mounted, with what was typed in it, when the element closes again.
func (f *Fold) onToggle(ctx app.Context, e app.Event) {
	if f.opened || !ctx.JSSrc().Get("open").Bool() {
		ctx.PreventUpdate()
		return
	}
	f.opened = true
}
