package input

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// go-app writes a boolean attribute that is false into prerendered HTML as
// name="false", and HTML reads any value of a boolean attribute as true
// (HTML §2.3.2): the prerendered select would show its last option, an
// enabled button would be disabled and a clear checkbox checked. In the
// browser go-app sets the DOM property instead, where false is needed to
// undo an earlier true. These setters leave a false attribute out of the
// prerendered HTML only.

// SelectedIf sets o's selected state.
func SelectedIf(o app.HTMLOption, selected bool) app.HTMLOption {
	if selected || !app.IsServer {
		return o.Selected(selected)
	}
	return o
}

// DisabledIf sets b's disabled state.
func DisabledIf(b app.HTMLButton, disabled bool) app.HTMLButton {
	if disabled || !app.IsServer {
		return b.Disabled(disabled)
	}
	return b
}

// CheckedIf sets in's checked state.
func CheckedIf(in app.HTMLInput, checked bool) app.HTMLInput {
	if checked || !app.IsServer {
		return in.Checked(checked)
	}
	return in
}
