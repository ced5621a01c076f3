package oauth

import (
	"net/url"
	"strings"

	"github.com/authlab/authlab/app/httpmsg"
)

// EncodeForm encodes parameters as application/x-www-form-urlencoded
// (RFC 6749 Appendix B) in the order given, leaving out empty values.
func EncodeForm(params ...httpmsg.Field) string {
	var parts []string
	for _, p := range params {
		if p.Value == "" {
			continue
		}
		parts = append(parts, url.QueryEscape(p.Name)+"="+url.QueryEscape(p.Value))
	}
	return strings.Join(parts, "&")
}
