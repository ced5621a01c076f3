package jot_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/jot"
)

// cleanTok is what every one of cleanInputs is cleaned to.
const cleanTok = "aaa.bbb.ccc"

// cleanInputs are cleanTok as people paste it.
var cleanInputs = []string{
	cleanTok,
	"  " + cleanTok + "\n",
	"Bearer " + cleanTok,
	"bearer " + cleanTok,
	"BEARER   " + cleanTok,
	`"` + cleanTok + `"`,
	"'" + cleanTok + "'",
	"`" + cleanTok + "`",
	`"Bearer ` + cleanTok + `"`,
	"Authorization: Bearer " + cleanTok,
	"authorization:Bearer " + cleanTok + "\r\n",
	"  AUTHORIZATION :  bearer " + cleanTok,
	`Authorization: "` + cleanTok + `"`,
}

func TestClean(t *testing.T) {
	const tok = cleanTok
	for _, in := range cleanInputs {
		if got := jot.Clean(in); got != tok {
			t.Errorf("Clean(%q) = %q, want %q", in, got, tok)
		}
	}
	// Only a leading "Bearer " is a prefix; other text is left for the
	// decoder to report.
	for _, in := range []string{"Basic " + tok, "Bearertok.a.b", "X-Token: " + tok} {
		if got := jot.Clean(in); got == tok {
			t.Errorf("Clean(%q) = %q, should keep the unknown prefix", in, got)
		}
	}
}

// TestCleanBounds checks that Clean's token is found where it lies in
// the pasted text, so that the text around it can be kept.
func TestCleanBounds(t *testing.T) {
	for _, in := range append(cleanInputs, "Basic x.y.z", "", "  ", "\u00a0Bearer\u2028"+cleanTok+"\u00a0") {
		i, j := jot.CleanBounds(in)
		if in[i:j] != jot.Clean(in) {
			t.Errorf("CleanBounds(%q) = %d, %d: %q, want %q", in, i, j, in[i:j], jot.Clean(in))
		}
	}
	in := "Authorization: Bearer " + cleanTok + "\r\n"
	if i, j := jot.CleanBounds(in); i != 22 || j != 22+len(cleanTok) {
		t.Errorf("CleanBounds(%q) = %d, %d, want 22, %d", in, i, j, 22+len(cleanTok))
	}
}

// TestInspectCleansInput checks that pasted decorations do not count as
// broken segments.
func TestInspectCleansInput(t *testing.T) {
	v := rfcVectors(t)["rfc7515_A1_HS256"]
	for _, in := range []string{
		"Bearer " + v.Token,
		`"` + v.Token + `"`,
		"Authorization: Bearer " + v.Token + "\r\n",
	} {
		got := jot.Inspect(in)
		if err := got.Err(); err != nil {
			t.Errorf("Inspect(%q): %v", in, err)
			continue
		}
		if got.Raw[0]+"."+got.Raw[1]+"."+got.Raw[2] != v.Token {
			t.Errorf("Inspect(%q).Raw = %q", in, got.Raw)
		}
	}
}

func TestInspectRFCExample(t *testing.T) {
	v := rfcVectors(t)["rfc7515_A1_HS256"]
	got := jot.Inspect(v.Token)
	if len(got.Errors) != 0 {
		t.Fatalf("Errors = %v", got.Errors)
	}
	if got.Alg() != "HS256" || got.Header["typ"] != "JWT" {
		t.Errorf("header %v", got.Header)
	}
	if got.Payload["iss"] != "joe" || got.Payload["exp"] != json.Number("1300819380") || got.Payload["http://example.com/is_root"] != true {
		t.Errorf("payload %v", got.Payload)
	}
	if len(got.Signature) != 32 {
		t.Errorf("signature has %d bytes, HS256 gives 32", len(got.Signature))
	}
	// The JSON is shown pretty-printed, with the same content.
	var h map[string]any
	if err := json.Unmarshal(got.HeaderJSON, &h); err != nil || !strings.Contains(string(got.HeaderJSON), "\n  \"alg\"") {
		t.Errorf("HeaderJSON %q (%v)", got.HeaderJSON, err)
	}
}

// problem is a broken segment and the sentinel it is reported with.
type problem struct {
	segment string
	err     error
}

// brokenSegmentCase is a token and the problems Inspect reports in it.
type brokenSegmentCase struct {
	name  string
	token string
	want  []problem
}

// brokenSegmentCases are tokens with none, one or more broken segments.
func brokenSegmentCases() []brokenSegmentCase {
	header := b64.EncodeToString([]byte(`{"alg":"HS256"}`))
	payload := b64.EncodeToString([]byte(`{"sub":"alice"}`))
	sig := b64.EncodeToString([]byte("16 signature B.s")) // 16 bytes: 22 characters, 4 unused bits
	return []brokenSegmentCase{
		{"clean", header + "." + payload + "." + sig, nil},
		{"empty signature", header + "." + payload + ".", nil},
		{"bad header character", "ey!J" + header + "." + payload + "." + sig, []problem{{jot.SegmentHeader, jot.ErrBase64}}},
		{"bad payload character", header + "." + payload + "*." + sig, []problem{{jot.SegmentPayload, jot.ErrBase64}}},
		{"bad signature character", header + "." + payload + "." + sig + "/", []problem{{jot.SegmentSignature, jot.ErrBase64}}},
		{"CR LF inside the payload", header + "." + payload[:5] + "\r\n" + payload[5:] + "." + sig, []problem{{jot.SegmentPayload, jot.ErrBase64}}},
		{"trailing bits in the signature", header + "." + payload + "." + flipTrailingBit(sig), []problem{{jot.SegmentSignature, jot.ErrBase64}}},
		{"header and signature broken", "%%." + payload + ".a", []problem{{jot.SegmentHeader, jot.ErrBase64}, {jot.SegmentSignature, jot.ErrBase64}}},
		{"all three broken", "a.b.c", []problem{{jot.SegmentHeader, jot.ErrBase64}, {jot.SegmentPayload, jot.ErrBase64}, {jot.SegmentSignature, jot.ErrBase64}}},
		{"empty header", "." + payload + "." + sig, []problem{{jot.SegmentHeader, jot.ErrJSON}}},
		{"payload not JSON", header + "." + b64.EncodeToString([]byte("Payload")) + "." + sig, []problem{{jot.SegmentPayload, jot.ErrJSON}}},
		{"payload an array", header + "." + b64.EncodeToString([]byte(`[1]`)) + "." + sig, []problem{{jot.SegmentPayload, jot.ErrJSON}}},
		{"payload null", header + "." + b64.EncodeToString([]byte(`null`)) + "." + sig, []problem{{jot.SegmentPayload, jot.ErrJSON}}},
		{"data after the payload", header + "." + b64.EncodeToString([]byte(`{}{}`)) + "." + sig, []problem{{jot.SegmentPayload, jot.ErrJSON}}},
		{"duplicate header key", b64.EncodeToString([]byte(`{"alg":"HS256","alg":"none"}`)) + "." + payload + "." + sig, []problem{{jot.SegmentHeader, jot.ErrJSON}}},
		{"nested duplicate key", header + "." + b64.EncodeToString([]byte(`{"a":[{"b":1,"b":2}]}`)) + "." + sig, []problem{{jot.SegmentPayload, jot.ErrJSON}}},
		{"payload not UTF-8", header + "." + b64.EncodeToString([]byte("{\"sub\":\"\xff\"}")) + "." + sig, []problem{{jot.SegmentPayload, jot.ErrUTF8}}},
		{"header not UTF-8", b64.EncodeToString([]byte("{\"alg\":\"\xe2\x28\xa1\"}")) + "." + payload + "." + sig, []problem{{jot.SegmentHeader, jot.ErrUTF8}}},
	}
}

// TestInspectBrokenSegments checks that each broken segment is reported
// once, by name and in order, while the others are still decoded.
func TestInspectBrokenSegments(t *testing.T) {
	for _, tt := range brokenSegmentCases() {
		t.Run(tt.name, func(t *testing.T) {
			got := jot.Inspect(tt.token)
			if len(got.Errors) != len(tt.want) {
				t.Fatalf("Errors = %v, want %d", got.Errors, len(tt.want))
			}
			for i, p := range tt.want {
				var se *jot.SegmentError
				if !errors.As(got.Errors[i], &se) || se.Segment != p.segment || !errors.Is(se, p.err) {
					t.Errorf("Errors[%d] = %v, want %s: %v", i, got.Errors[i], p.segment, p.err)
				}
				if !strings.HasPrefix(got.Errors[i].Error(), p.segment+":") {
					t.Errorf("message %q does not start with the segment name", got.Errors[i])
				}
			}
			if len(tt.want) > 0 && !errors.Is(got.Err(), tt.want[0].err) {
				t.Errorf("Err() = %v, want the first problem", got.Err())
			}
			// Segments that are not reported broken are decoded.
			broken := map[string]bool{}
			for _, p := range tt.want {
				broken[p.segment] = true
			}
			if !broken[jot.SegmentHeader] && got.Header == nil {
				t.Error("header not decoded")
			}
			if !broken[jot.SegmentPayload] && got.Payload == nil {
				t.Error("payload not decoded")
			}
		})
	}
}

// TestInspectBase64Offset checks that the offset points at the bad
// character.
func TestInspectBase64Offset(t *testing.T) {
	got := jot.Inspect("eyJh!GciOiJIUzI1NiJ9.e30.")
	var se *jot.SegmentError
	if !errors.As(got.Err(), &se) || se.Offset != 4 || !strings.Contains(se.Error(), "character 5") {
		t.Fatalf("Err() = %#v", got.Err())
	}
}

// shapeCase is a token of the wrong shape and the error Inspect gives it.
type shapeCase struct {
	name     string
	token    string
	wantErr  error
	contains string
}

// shapeCases are empty tokens, and tokens with other than three segments.
func shapeCases() []shapeCase {
	header := b64.EncodeToString([]byte(`{"alg":"RSA-OAEP","enc":"A256GCM"}`))
	return []shapeCase{
		{"empty", "", jot.ErrEmpty, ""},
		{"only quotes", ` "" `, jot.ErrEmpty, ""},
		{"one segment", header, jot.ErrSegmentCount, "found 1"},
		{"two segments", header + ".e30", jot.ErrSegmentCount, "found 2"},
		{"four segments", header + ".e30.e30.e30", jot.ErrSegmentCount, "found 4"},
		{"JWE", header + ".a2V5.aXY.Y2lwaGVy.dGFn", jot.ErrSegmentCount, "JWE"},
	}
}

func TestInspectShape(t *testing.T) {
	for _, tt := range shapeCases() {
		t.Run(tt.name, func(t *testing.T) {
			got := jot.Inspect(tt.token)
			if !errors.Is(got.Err(), tt.wantErr) || !strings.Contains(got.Err().Error(), tt.contains) {
				t.Fatalf("Err() = %v, want %v containing %q", got.Err(), tt.wantErr, tt.contains)
			}
			if tt.wantErr == jot.ErrSegmentCount && got.Alg() != "RSA-OAEP" {
				t.Errorf("the header should still be decoded, got %v", got.Header)
			}
		})
	}
}
