package ui

import (
	"encoding/json"
	"sort"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// JWTClaims explains every claim of a payload: what it means, where it is
// defined and, for NumericDates (RFC 7519 §2), the time in UTC, in local
// time and relative to now.
type JWTClaims struct {
	app.Compo
	Claims map[string]any
	Now    time.Time
	Skew   time.Duration
}

// jwtMaxValue is how much of a claim's JSON value the table shows.
const jwtMaxValue = 160

// Render shows the claims table.
func (v *JWTClaims) Render() app.UI {
	names := jwtClaimOrder(v.Claims)
	return app.Table().ID("claims").Class("claims").Body(
		app.THead().Body(app.Tr().Body(
			app.Th().Text("Claim"), app.Th().Text("Value"), app.Th().Text("Meaning"),
		)),
		app.TBody().Body(app.Range(names).Slice(func(i int) app.UI {
			return v.row(names[i])
		})),
	)
}

func (v *JWTClaims) row(name string) app.UI {
	value, _ := json.Marshal(v.Claims[name])
	text := string(value)
	if len(text) > jwtMaxValue {
		text = text[:jwtMaxValue] + "…"
	}
	doc, documented := jot.ClaimInfo(name)
	var when app.UI
	if documented && doc.Time {
		if t, ok, err := jot.NumericDate(v.Claims, name); ok && err == nil {
			when = app.Ul().Class("times").Body(
				app.Li().Body(app.Span().Class("muted").Text("UTC "), app.Text(t.UTC().Format(jwtUTCLayout))),
				app.Li().Body(app.Span().Class("muted").Text("Local "), app.Text(t.Local().Format(jwtLocalLayout))),
				app.Li().Class("relative").DataSet("claim", name).Text(jot.DescribeTime(name, t, v.Now, v.Skew)),
			)
		} else {
			when = app.P().Class("bad").Text("Not a NumericDate: a JSON number of seconds since 1970 is expected.")
		}
	}
	meaning := app.Td().Class("muted").Text("Not a registered or common claim: its meaning is the issuer's.")
	if documented {
		meaning = app.Td().Body(
			app.Strong().Text(doc.Title), app.Text(". "+doc.Text+" "),
			app.Small().Class("muted").Text(doc.Ref),
		)
	}
	return app.Tr().DataSet("claim", name).Body(
		app.Td().Body(app.Code().Text(name)),
		app.Td().Body(app.Code().Class("value").Text(text), when),
		meaning,
	)
}

// jwtClaimOrder lists documented claims in their documentation order, then
// the others by name.
func jwtClaimOrder(claims map[string]any) []string {
	rank := map[string]int{}
	for i, d := range jot.ClaimDocs() {
		rank[d.Name] = i + 1
	}
	names := make([]string, 0, len(claims))
	for n := range claims {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		ri, rj := rank[names[i]], rank[names[j]]
		switch {
		case ri > 0 && rj > 0:
			return ri < rj
		case ri > 0 || rj > 0:
			return ri > 0
		}
		return names[i] < names[j]
	})
	return names
}
