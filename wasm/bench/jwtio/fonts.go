package jwtio

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// errFonts is returned when fonts.tsx no longer has the Google fonts
// that the offline build must replace.
var errFonts = errors.New("jwt.io's fonts.tsx has no next/font/google fonts to replace")

// fontsFile is where jwt.io declares its fonts, relative to its root.
const fontsFile = "src/libs/theme/fonts.tsx"

var (
	googleImport = regexp.MustCompile(`(?m)^import \{([^}]*)\} from "next/font/google";\n`)
	// googleFont matches one font of next/font/google, such as
	// `Inter({ ... });`, keeping its export name and its CSS variable.
	googleFont = regexp.MustCompile(`(?s)(export const \w+ = )(Inter|Roboto_Mono)\(\{.*?variable: ("--font-[a-z]+"),\s*\}\);`)
)

// localFonts are the woff2 files of jwt.io's own repository that stand
// in for each Google font: its text face Aeonik for Inter, and Aeonik
// Mono for Roboto Mono.
var localFonts = map[string]string{
	"Inter": `[
    { path: "./fonts/Aeonik-Regular.woff2", weight: "400", style: "normal" },
    { path: "./fonts/Aeonik-Medium.woff2", weight: "500", style: "normal" },
    { path: "./fonts/Aeonik-Bold.woff2", weight: "600", style: "normal" },
  ]`,
	"Roboto_Mono": `[{ path: "./fonts/AeonikMono-Medium.woff2", weight: "400 600", style: "normal" }]`,
}

// PatchFonts rewrites fonts.tsx so that next build needs no network:
// every next/font/google font becomes a next/font/local one, under the
// same export and CSS variable. It fails when there is nothing to
// replace, so that a changed source is noticed rather than built with
// fonts fetched from Google.
func PatchFonts(src string) (string, error) {
	imp := googleImport.FindStringSubmatch(src)
	if imp == nil {
		return "", errFonts
	}
	fonts := 0
	for _, name := range strings.Split(imp[1], ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if localFonts[name] == "" {
			return "", fmt.Errorf("%w: no local font stands in for %s", errFonts, name)
		}
		fonts++
	}
	n := 0
	out := googleFont.ReplaceAllStringFunc(src, func(m string) string {
		g := googleFont.FindStringSubmatch(m)
		n++
		return fmt.Sprintf("%slocalFont({\n  src: %s,\n  variable: %s,\n});", g[1], localFonts[g[2]], g[3])
	})
	out = googleImport.ReplaceAllString(out, "")
	if n != fonts {
		return "", fmt.Errorf("%w: %d replaced", errFonts, n)
	}
	if !strings.Contains(out, `from "next/font/local"`) {
		out = "import localFont from \"next/font/local\";\n" + out
	}
	return out, nil
}
