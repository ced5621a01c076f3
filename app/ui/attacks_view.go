package ui

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/naivelab"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/authlab/authlab/app/ui/widget"
)

// attackFix is the fix for one mistake in three languages: the verifier
// configured so that the attack fails.
type attackFix struct{ Go, Python, JS string }

// pinned is the fix for every mistake about keys and algorithms: one
// algorithm, the key from configuration, the claims checked.
var pinned = attackFix{
	Go: `token, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return publicKey, nil },
	jwt.WithValidMethods([]string{"ES256"}), jwt.WithIssuer(issuer),
	jwt.WithAudience(audience), jwt.WithExpirationRequired())`,
	Python: `claims = jwt.decode(raw, public_key, algorithms=["ES256"],
                    issuer=issuer, audience=audience, options={"require": ["exp"]})`,
	JS: `const { payload } = await jwtVerify(raw, publicKey,
  { algorithms: ["ES256"], issuer, audience, requiredClaims: ["exp"] });`,
}

// attackFixes gives the fix for each lab endpoint's mistake.
var attackFixes = map[string]attackFix{
	"weak-secret": {
		Go:     `secret := make([]byte, 32) // at least the hash's length, random: RFC 7518 §3.2` + "\nrand.Read(secret)",
		Python: `secret = secrets.token_bytes(32)  # random, at least the hash's length`,
		JS:     `const secret = crypto.getRandomValues(new Uint8Array(32)); // random, ≥ the hash's length`,
	},
	"substitution": {
		Go: `token, err := jwt.Parse(raw, keyFunc, jwt.WithValidMethods([]string{"ES256"}))
if err == nil && token.Header["typ"] != "at+jwt" { err = errors.New("not an access token") } // RFC 9068 §4`,
		Python: `if jwt.get_unverified_header(raw).get("typ") != "at+jwt":  # RFC 9068 §4
    raise jwt.InvalidTokenError("not an access token")
claims = jwt.decode(raw, public_key, algorithms=["ES256"], audience=audience)`,
		JS: `const { payload } = await jwtVerify(raw, publicKey, { algorithms: ["ES256"], typ: "at+jwt", audience });`,
	},
}

func fixFor(name string) attackFix {
	if f, ok := attackFixes[name]; ok {
		return f
	}
	return pinned
}

// panel is one attack: what the mistake is, the token built, and the two
// answers.
func (l *attackLab) panel(e naivelab.Endpoint) app.UI {
	id := "attack-" + e.Name
	r := l.panels[e.Name]
	fix := fixFor(e.Name)
	return app.Section().ID(id).Class("pane attack").DataSet("attack", e.Name).Aria("labelledby", id+"-title").Body(
		app.H2().ID(id+"-title").Text(e.Name),
		app.P().Body(app.Strong().Text("The mistake: "), app.Text("the endpoint "+e.Mistake+" ("+e.Section+")."),
			app.Text(" "), app.Code().Text("GET /lab/naive/"+e.Name)),
		app.If(e.Name == "weak-secret", func() app.UI { return l.crackView() }),
		app.Div().Class("buttons").Body(
			input.DisabledIf(app.Button().ID(id+"-build").Type("button").Text("Build the attack"), l.lab == nil).OnClick(l.onBuild(e.Name)),
			input.DisabledIf(app.Button().ID(id+"-send").Class("secondary").Type("button").Text("Send to the naive and the strict endpoint"),
				r == nil || len(r.attacks) == 0 || r.busy).OnClick(l.onSend(e.Name)),
		),
		app.If(r != nil && r.err != "", func() app.UI { return app.P().Class("problems").Role("alert").Text(r.err) }),
		app.If(r != nil && len(r.attacks) > 0, func() app.UI { return l.built(id, e.Name, r) }),
		app.If(r != nil && r.naive != nil, func() app.UI {
			return app.Div().Class("side-by-side").Body(
				&exchangeView{ID: id + "-naive", Title: fmt.Sprintf("Naive /lab/naive/%s → %d", e.Name, r.naive.Status), X: r.naive},
				app.If(r.strict != nil, func() app.UI {
					return &exchangeView{ID: id + "-strict", Title: fmt.Sprintf("Strict /api/protected → %d", r.strict.Status), X: r.strict}
				}),
			)
		}),
		app.Details().Class("fix").Body(
			app.Summary().Text("The fix"),
			app.H3().Text("Go (golang-jwt)"), app.Pre().Body(app.Code().Text(fix.Go)),
			app.H3().Text("Python (PyJWT)"), app.Pre().Body(app.Code().Text(fix.Python)),
			app.H3().Text("JavaScript (jose)"), app.Pre().Body(app.Code().Text(fix.JS)),
		),
	)
}

// built shows the attack tokens, with a choice when there are several.
func (l *attackLab) built(id, name string, r *attackRun) app.UI {
	a := r.attacks[r.pick]
	return app.Div().Class("built").Body(
		app.If(len(r.attacks) > 1, func() app.UI {
			return app.Div().Class("row").Body(
				app.Label().For(id+"-variant").Text("Variant"),
				app.Select().ID(id+"-variant").OnChange(l.onPick(name)).Body(
					app.Range(r.attacks).Slice(func(i int) app.UI {
						return input.SelectedIf(app.Option().Value(strconv.Itoa(i)), i == r.pick).Text(r.attacks[i].Label)
					}),
				),
			)
		}),
		app.P().Class("hint").Body(app.Strong().Text("How it was made: "), app.Text(a.How)),
		app.Label().For(id+"-token").Text("The attack token"),
		app.Textarea().ID(id+"-token").Class("token-input short").ReadOnly(true).Spellcheck(false).Text(a.Token),
		&widget.CopyButton{ID: id + "-copy", Text: a.Token, Label: "Copy the token"},
	)
}
