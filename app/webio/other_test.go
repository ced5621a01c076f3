//go:build !(js && wasm)

package webio

import (
	"context"
	"errors"
	"testing"

	"github.com/authlab/authlab/app/httpmsg"
)

func TestOutsideBrowser(t *testing.T) {
	if _, err := Fetch(context.Background(), &httpmsg.Request{URL: "https://example.com/"}, FetchOptions{}); !errors.Is(err, ErrNotBrowser) {
		t.Errorf("Fetch: %v, want ErrNotBrowser", err)
	}
	if err := Copy(context.Background(), "x"); !errors.Is(err, ErrNotBrowser) {
		t.Errorf("Copy: %v, want ErrNotBrowser", err)
	}
	if err := Session.Set("k", "v"); !errors.Is(err, ErrNotBrowser) {
		t.Errorf("Set: %v, want ErrNotBrowser", err)
	}
	if v, ok := Local.Get("k"); ok || v != "" {
		t.Errorf("Get = %q, %v, want nothing", v, ok)
	}
}
