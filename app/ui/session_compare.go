package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// sessionComparison sets cookie sessions beside Bearer tokens.
func sessionComparison() app.UI {
	rows := [][3]string{
		{"Who keeps it", "The browser, in its cookie jar", "Your code, in memory or in storage you choose"},
		{"How it is sent", "By the browser, with every request to the site", "By your code, in Authorization: Bearer"},
		{"Readable by page scripts", "No, with HttpOnly", "Yes: your code holds it, and so does any script injected into the page"},
		{"Cross-site request forgery", "A risk: SameSite and an Origin check defend", "None: other sites cannot make the browser add the header"},
		{"Other sites and origins", "Hard: SameSite and third-party cookie blocking get in the way", "Easy: any origin the API allows through CORS"},
		{"Ending it", "The server deletes the session: effective at once", "Wait for exp, or keep a revocation list the API checks"},
		{"Server state", "A session store, looked up on each request", "None for a self-contained JWT: the signature is checked"},
		{"Non-browser clients", "Need a cookie jar", "Natural: curl, mobile apps, other services"},
	}
	return app.Div().Class("table-wrap").Body(app.Table().ID("session-comparison").Body(
		app.Caption().Text("Cookie sessions and Bearer tokens"),
		app.THead().Body(app.Tr().Body(app.Th().Scope("col").Body(app.Span().Class("visually-hidden").Text("Aspect")), app.Th().Scope("col").Text("Cookie session"), app.Th().Scope("col").Text("Bearer token"))),
		app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
			r := rows[i]
			return app.Tr().Body(app.Th().Scope("row").Text(r[0]), app.Td().Text(r[1]), app.Td().Text(r[2]))
		})),
	))
}
