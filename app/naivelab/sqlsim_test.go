package naivelab

import (
	"errors"
	"testing"
)

func TestLookupKeySQL(t *testing.T) {
	q := func(kid string) string { return "SELECT secret FROM lab_keys WHERE kid = '" + kid + "'" }
	for _, tc := range []struct {
		kid, want string
		err       error
	}{
		{kid: hsKid, want: string(labHMAC)},
		{kid: "nope", err: ErrAlg},
		{kid: "x' UNION SELECT 'evil' -- ", want: "evil"},
		{kid: "x' union all select 'evil'#", want: "evil"},
		{kid: hsKid + "' UNION SELECT 'evil' --", want: string(labHMAC)},
		{kid: "x' OR '1'='1", err: ErrAlg},
		{kid: "x' UNION SELECT 'a' UNION SELECT 'b", err: ErrAlg},
	} {
		got, err := lookupKeySQL(q(tc.kid))
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%q: %q, %v; want %v", tc.kid, got, err, tc.err)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("%q: %q, %v; want %q", tc.kid, got, err, tc.want)
		}
	}
}

func FuzzLookupKeySQL(f *testing.F) {
	f.Add("lab-hs")
	f.Add("x' UNION SELECT 'evil' --")
	f.Fuzz(func(t *testing.T, kid string) {
		key, err := lookupKeySQL("SELECT secret FROM lab_keys WHERE kid = '" + kid + "'")
		if (err != nil) == (key != nil) {
			t.Fatalf("key %q with err %v", key, err)
		}
	})
}
