package jwtbench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/discovery"
	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/ui/widget"
	"github.com/authlab/authlab/app/webio"
)

// discoveryTimeout bounds one discovery: at most discovery.MaxFetches
// requests.
const discoveryTimeout = 20 * time.Second

// browserFetcher is discovery's Fetcher over the browser's fetch: no
// cookies, no referrer, no cache. An answer the page may not read, as when
// the issuer sends no CORS header for this origin, makes fetch reject with
// a TypeError that says nothing more; it is reported as
// discovery.ErrUnreadable.
func browserFetcher(ctx context.Context, u string) (int, http.Header, []byte, error) {
	req := &httpmsg.Request{URL: u, Header: []httpmsg.Field{{Name: "Accept", Value: "application/json"}}}
	res, err := webio.Fetch(ctx, req, webio.FetchOptions{})
	if err != nil {
		status := 0
		if res != nil {
			status = res.Status
		}
		return status, nil, nil, fmt.Errorf("%w: %v", discovery.ErrUnreadable, err)
	}
	h := http.Header{}
	for _, f := range res.Header {
		h.Add(f.Name, f.Value)
	}
	return res.Status, h, []byte(res.Body), nil
}

// discoverState is the last discovery started by a click, and its outcome.
type discoverState struct {
	iss, kid string
	report   *discovery.Report
	err      error
	// filledIss is set when discovery filled the expected issuer.
	filledIss bool
}

// discover finds the keys of the token's issuer, on the click on Fetch
// JWKS when no JWK Set URL is given: OpenID Connect Discovery, RFC 8414
// metadata, then /.well-known/jwks.json (see discovery.Discover). The
// requests carry neither the token nor the key: only the issuer's URLs.
func (p *page) discover(ctx app.Context, iss, kid string) {
	p.disc = discoverState{iss: iss, kid: kid}
	p.jwks.status, p.jwks.busy = "Discovering the keys of "+iss+"…", true
	ctx.Async(func() {
		c, cancel := context.WithTimeout(context.Background(), discoveryTimeout)
		defer cancel()
		r, err := discovery.Discover(c, browserFetcher, iss, kid)
		ctx.Dispatch(func(ctx app.Context) { p.discovered(r, err) })
	})
}

// discovered shows a discovery's outcome and puts the key it found into
// the key field.
func (p *page) discovered(r *discovery.Report, err error) {
	p.jwks.busy = false
	p.disc.report, p.disc.err = r, err
	switch {
	case r == nil:
		p.jwks.status = "Cannot discover the keys: " + err.Error()
		return
	case r.JWKS == nil:
		p.jwks.status = fmt.Sprintf("No JWK Set found: %d URLs tried.", len(r.Attempts))
	case r.Key != nil && r.Key.Parsed != nil:
		p.jwks.status = "Found key " + strconv.Quote(r.Key.Kid) + " at " + r.Key.Source + "."
		if j, err := keys.MarshalJWK(r.Key.Parsed, false); err == nil {
			p.setKey(indentJSON(j), p.enc)
		}
	default:
		p.jwks.status = "Fetched " + r.JWKSURL + ", without a key for this token."
		p.setKey(indentJSON(r.JWKS), p.enc)
	}
	if r.MetadataURL != "" && p.iss == "" {
		p.iss, p.disc.filledIss = r.Issuer, true
	}
	p.edited()
	p.refresh()
}

func indentJSON(b []byte) string {
	var out bytes.Buffer
	if json.Indent(&out, b, "", "  ") != nil {
		return string(b)
	}
	return out.String()
}

// currentReport is the discovery report for the token shown, or nil when
// the token's iss or kid has changed since.
func (p *page) currentReport() *discovery.Report {
	r := p.disc.report
	if r == nil || p.in == nil {
		return nil
	}
	iss, _ := p.in.Payload["iss"].(string)
	kid, _ := p.in.Header["kid"].(string)
	if r.Issuer != iss || r.Kid != kid {
		return nil
	}
	return r
}

// discoveryFindings are what a verifier would object to in the issuer's
// metadata and keys, shown in the verdict: an issuer that differs from
// iss (OpenID Connect Discovery 1.0 §4.3), a kid not found, an x5c chain
// that does not link, an expired leaf certificate, ….
func (p *page) discoveryFindings() []discovery.Finding {
	if r := p.currentReport(); r != nil {
		return r.Findings
	}
	return nil
}

// unreadable lists the URLs whose answer the page could not read.
func unreadable(r *discovery.Report) []string {
	var out []string
	for _, a := range r.Attempts {
		if errors.Is(a.Err, discovery.ErrUnreadable) {
			out = append(out, a.URL)
		}
	}
	return out
}

// renderDiscovery shows every URL tried and what it answered, the key
// chosen and its certificates, and, when the browser would not let the
// page read an answer, why and the curl command that fetches it.
func (p *page) renderDiscovery() app.UI {
	r := p.currentReport()
	if r == nil {
		return nil
	}
	return app.Div().ID("discovery").Class("discovery").Body(
		app.H2().Class("discovery-title").Text("URLs tried"),
		app.Ol().ID("discovery-attempts").Body(
			app.Range(r.Attempts).Slice(func(i int) app.UI { return attemptItem(r.Attempts[i]) }),
		),
		app.If(r.Key != nil, func() app.UI { return keyInfo(r.Key) }),
		app.If(r.Curl != "", func() app.UI { return curlHint(r) }),
	)
}

func attemptItem(a discovery.Attempt) app.UI {
	state, answer := "ok", a.Note
	switch {
	case errors.Is(a.Err, discovery.ErrUnreadable):
		state, answer = "unreadable", "the browser would not let this page read the answer: the server sent no CORS header allowing this page's origin (Access-Control-Allow-Origin), or the network failed"
	case a.Err != nil:
		state, answer = "failed", a.Err.Error()
	}
	status := "no answer"
	if a.Status != 0 {
		status = "HTTP " + strconv.Itoa(a.Status)
	}
	return app.Li().Class("attempt").DataSet("state", state).Body(
		app.Code().Class("attempt-url").Text(a.URL),
		app.Span().Class("hint").Text(" ("+a.Purpose+"): "+status+" — "+answer),
	)
}

func keyInfo(k *discovery.Key) app.UI {
	row := func(name, value string) []app.UI {
		if value == "" {
			value = "(none)"
		}
		return []app.UI{app.Dt().Text(name), app.Dd().Text(value)}
	}
	var rows []app.UI
	for _, r := range [][2]string{{"kid", k.Kid}, {"kty", k.Kty}, {"alg", k.Alg}, {"use", k.Use}, {"from", k.Source}} {
		rows = append(rows, row(r[0], r[1])...)
	}
	return app.Div().Body(
		app.H2().Class("discovery-title").Text("Key chosen by kid"),
		app.Dl().ID("discovered-key").Class("grid2").Body(rows...),
		app.If(len(k.Chain) > 0, func() app.UI { return chainTable(k.Chain) }),
	)
}

// chainTable shows an x5c chain (RFC 7517 §4.7), leaf first.
func chainTable(chain []discovery.Cert) app.UI {
	now := time.Now()
	return app.Div().Class("x5c-scroll").Body(
		app.Table().ID("x5c-chain").Class("x5c").Body(
			app.Caption().Text("x5c certificate chain, leaf first"),
			app.THead().Body(app.Tr().Body(
				app.Th().Text("#"), app.Th().Text("Subject"), app.Th().Text("Issuer"),
				app.Th().Text("Valid"), app.Th().Text("SHA-256 thumbprint"), app.Th().Text("Signed by the next"),
			)),
			app.TBody().Body(app.Range(chain).Slice(func(i int) app.UI {
				c := chain[i]
				valid := c.NotBefore.UTC().Format(time.DateOnly) + " – " + c.NotAfter.UTC().Format(time.DateOnly)
				expired := now.After(c.NotAfter) || now.Before(c.NotBefore)
				if expired {
					valid += " (not valid now)"
				}
				link := "—"
				if i+1 < len(chain) {
					link = map[bool]string{true: "yes", false: "no"}[c.SignedByNext]
				}
				validity := "valid"
				if expired {
					validity = "expired"
				}
				return app.Tr().DataSet("validity", validity).Body(
					app.Td().Text(strconv.Itoa(i)), app.Td().Text(c.Subject), app.Td().Text(c.Issuer),
					app.Td().Text(valid), app.Td().Body(app.Code().Text(c.SHA256)), app.Td().Class("x5c-link").Text(link),
				)
			})),
		),
	)
}

// curlHint offers the command that fetches the JWK Set, or the first URL
// the page could not read, from a terminal, where CORS does not apply.
func curlHint(r *discovery.Report) app.UI {
	why := "To check the JWK Set outside the browser, run:"
	if blocked := unreadable(r); len(blocked) > 0 {
		why = "The browser would not let this page read " + blocked[0] + ". That is CORS: the issuer does not allow other origins to read its keys, which says nothing about the token. Fetch them in a terminal and paste the JWK Set into the key field:"
	}
	return app.Div().ID("discovery-curl").Body(
		app.P().Class("hint").Text(why),
		app.Pre().ID("curl-command").Class("snippet").Text(r.Curl),
		&widget.CopyButton{ID: "copy-curl", Label: "Copy curl command", Text: r.Curl},
	)
}
