package apikey_test

import (
	"crypto/rand"
	"testing"

	"github.com/authlab/authlab/app/apikey"
)

// TestMatchHash checks a presented key against the stored hash of a new
// key: the key itself matches, a key one character off, or a hash cut
// short, does not.
func TestMatchHash(t *testing.T) {
	k, err := apikey.New(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	stored := apikey.Hash(k.Plain)
	other := k.Plain[:len(k.Plain)-1] + "A"
	if other == k.Plain {
		other = k.Plain[:len(k.Plain)-1] + "E"
	}
	for _, tt := range []struct {
		name string
		hash string
		want bool
	}{
		{"the key", apikey.Hash(k.Plain), true},
		{"another key", apikey.Hash(other), false},
		{"a prefix of the hash", stored[:len(stored)-1], false},
		{"empty", "", false},
	} {
		if got := apikey.MatchHash(tt.hash, stored); got != tt.want {
			t.Errorf("%s: MatchHash = %v, want %v", tt.name, got, tt.want)
		}
	}
}
