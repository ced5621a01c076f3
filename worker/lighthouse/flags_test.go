package lighthouse

import "testing"

func TestChromeFlagsQuoteValuesWithSpaces(t *testing.T) {
	got := chromeFlags([]string{"--host-resolver-rules=MAP a.test:443 127.0.0.1:5, MAP b.test:443 127.0.0.1:6", "--ignore-certificate-errors-spki-list=x,y"})
	want := ChromeFlags + ` --host-resolver-rules="MAP a.test:443 127.0.0.1:5, MAP b.test:443 127.0.0.1:6" --ignore-certificate-errors-spki-list=x,y`
	if got != want {
		t.Errorf("chromeFlags =\n%s\nwant\n%s", got, want)
	}
	if got := chromeFlags(nil); got != ChromeFlags {
		t.Errorf("chromeFlags(nil) = %q, want %q", got, ChromeFlags)
	}
}
