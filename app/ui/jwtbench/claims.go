package jwtbench

import (
	"encoding/json"
	"sort"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// claimsView explains every claim of a payload: what it means, where it is
// defined and, for NumericDates (RFC 7519 §2), the time in UTC, in local
// time and relative to now.
type claimsView struct {
	app.Compo
	Claims map[string]any
	Now    time.Time
	Skew   time.Duration
}

// maxValue is how much of a claim's JSON value the table shows.
const maxValue = 160

// Render shows the claims table.
func (v *claimsView) Render() app.UI {
	n := v.node()
	return n.ui()
}

func (v *claimsView) node() jnode {
	names := claimOrder(v.Claims)
	rows := make([]jnode, len(names))
	for i, name := range names {
		rows[i] = v.row(name)
	}
	body := jel("tbody")
	body.kids = rows
	return jel("table", "id", "claims", "class", "claims").body(
		jel("thead").body(jel("tr").body(
			jel("th").with("Claim"), jel("th").with("Value"), jel("th").with("Meaning"),
		)),
		body,
	)
}

func (v *claimsView) row(name string) jnode {
	value, _ := json.Marshal(v.Claims[name])
	text := string(value)
	if len(text) > maxValue {
		text = text[:maxValue] + "…"
	}
	doc, documented := jot.ClaimInfo(name)
	var when jnode
	if documented && doc.Time {
		if t, ok, err := jot.NumericDate(v.Claims, name); ok && err == nil {
			when = jel("ul", "class", "times").body(
				jel("li").body(jel("span", "class", "muted").with("UTC "), jtext(t.UTC().Format(utcLayout))),
				jel("li").body(jel("span", "class", "muted").with("Local "), jtext(t.Local().Format(localLayout))),
				jel("li", "class", "relative", "data-claim", name).with(jot.DescribeTime(name, t, v.Now, v.Skew)),
			)
		} else {
			when = jel("p", "class", "bad").with("Not a NumericDate: a JSON number of seconds since 1970 is expected.")
		}
	}
	meaning := jel("td", "class", "muted").with("Not a registered or common claim: its meaning is the issuer's.")
	if documented {
		meaning = jel("td").body(
			jel("strong").with(doc.Title), jtext(". "+doc.Text+" "),
			jel("small", "class", "muted").with(doc.Ref),
		)
	}
	return jel("tr", "data-claim", name).body(
		jel("td").body(jel("code").with(name)),
		jel("td").body(jel("code", "class", "value").with(text), when),
		meaning,
	)
}

// claimOrder lists documented claims in their documentation order, then
// the others by name.
func claimOrder(claims map[string]any) []string {
	rank := claimRank()
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

// claimRank is each documented claim's place in the documentation,
// from 1.
var claimRank = sync.OnceValue(func() map[string]int {
	rank := map[string]int{}
	for i, d := range jot.ClaimDocs() {
		rank[d.Name] = i + 1
	}
	return rank
})
