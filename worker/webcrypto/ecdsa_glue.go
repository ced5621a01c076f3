//go:build js && wasm

package webcrypto

import (
	"context"
	"crypto/ecdsa"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authlab/authlab/app/websubtle"
	"github.com/authlab/authlab/worker/glue"
)

// ecdsaImport is the glue's import request for a P-256 key: importKey's
// algorithm, and sign's and verify's parameters.
type ecdsaImport struct {
	JWK    map[string]any `json:"jwk"`
	Alg    map[string]any `json:"alg"`
	Usages []string       `json:"usages"`
	Params map[string]any `json:"params"`
}

// glueKeyNumber imports a key into the glue once and returns its number
// there, cached under the Go key's pointer.
func (m *ES256) glueKeyNumber(key any, usage string) (uint32, error) {
	m.mu.Lock()
	n, ok := m.glueKey[key]
	m.mu.Unlock()
	if ok {
		return n, nil
	}
	jwk, err := websubtle.JWK(key)
	if err != nil {
		return 0, errors.Join(jwt.ErrInvalidKey, err)
	}
	req, err := json.Marshal(ecdsaImport{
		JWK:    jwk,
		Alg:    map[string]any{"name": "ECDSA", "namedCurve": "P-256"},
		Usages: []string{usage},
		Params: map[string]any{"name": "ECDSA", "hash": "SHA-256"},
	})
	if err != nil {
		return 0, err
	}
	out, err := glue.Call(context.Background(), glue.OpImportKey, req)
	if err != nil {
		return 0, errors.Join(jwt.ErrInvalidKey, err)
	}
	v, err := strconv.ParseUint(string(out), 10, 32)
	if err != nil {
		return 0, errors.Join(jwt.ErrInvalidKey, err)
	}
	n = uint32(v)
	m.mu.Lock()
	if m.glueKey == nil {
		m.glueKey = map[any]uint32{}
	}
	m.glueKey[key] = n
	m.mu.Unlock()
	return n, nil
}

func (m *ES256) verifyGlue(pub *ecdsa.PublicKey, signingString string, sig []byte) error {
	n, err := m.glueKeyNumber(pub, "verify")
	if err != nil {
		return err
	}
	p := make([]byte, 8, 8+len(sig)+len(signingString))
	binary.LittleEndian.PutUint32(p, n)
	binary.LittleEndian.PutUint32(p[4:], uint32(len(sig)))
	p = append(append(p, sig...), signingString...)
	out, err := glue.Call(context.Background(), glue.OpVerify, p)
	if err != nil {
		return err
	}
	if len(out) != 1 || out[0] != 1 {
		return jwt.ErrSignatureInvalid
	}
	return nil
}

func (m *ES256) signGlue(priv *ecdsa.PrivateKey, signingString string) ([]byte, error) {
	n, err := m.glueKeyNumber(priv, "sign")
	if err != nil {
		return nil, err
	}
	p := make([]byte, 4, 4+len(signingString))
	binary.LittleEndian.PutUint32(p, n)
	p = append(p, signingString...)
	return glue.Call(context.Background(), glue.OpSign, p)
}
