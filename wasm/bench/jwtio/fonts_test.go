package jwtio

import (
	"errors"
	"strings"
	"testing"
)

// jwtioFonts is the shape of jwt.io's src/libs/theme/fonts.tsx.
const jwtioFonts = `import localFont from "next/font/local";
import { Inter, Roboto_Mono } from "next/font/google";

export const PrimaryFont = Inter({
  style: ["normal"],
  weight: ["400", "500", "600"],
  subsets: ["latin", "latin-ext"],
  variable: "--font-primary",
});

export const SecondaryFont = localFont({
  src: [{ path: "./fonts/Aeonik-Regular.woff2", weight: "400", style: "normal" }],
  variable: "--font-secondary",
});

export const MonoFont = Roboto_Mono({
  style: ["normal"],
  weight: ["400", "500", "600"],
  subsets: ["latin", "latin-ext"],
  variable: "--font-mono",
});
`

func TestPatchFontsReplacesTheGoogleFonts(t *testing.T) {
	out, err := PatchFonts(jwtioFonts)
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"next/font/google", "Inter(", "Roboto_Mono(", "subsets"} {
		if strings.Contains(out, gone) {
			t.Errorf("still has %q:\n%s", gone, out)
		}
	}
	for _, want := range []string{
		"export const PrimaryFont = localFont({", `variable: "--font-primary",`, "./fonts/Aeonik-Medium.woff2",
		"export const MonoFont = localFont({", `variable: "--font-mono",`, "./fonts/AeonikMono-Medium.woff2",
		`variable: "--font-secondary",`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, `import localFont from "next/font/local";`); n != 1 {
		t.Errorf("%d imports of next/font/local", n)
	}
}

func TestPatchFontsFailsWithNothingToReplace(t *testing.T) {
	patched, err := PatchFonts(jwtioFonts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := PatchFonts(patched); !errors.Is(err, errFonts) {
		t.Errorf("patched twice: err = %v, want errFonts", err)
	}
	other := strings.Replace(jwtioFonts, "Roboto_Mono({", "Fira_Code({", 1)
	if _, err := PatchFonts(other); !errors.Is(err, errFonts) {
		t.Errorf("an unknown Google font: err = %v, want errFonts", err)
	}
}
