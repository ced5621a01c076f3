//go:build js && wasm

package webcrypto

import (
	"crypto/ecdsa"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authlab/authlab/app/websubtle"
	"github.com/authlab/authlab/worker/glue"
)

// keyImport is the glue's import request: a P-256 JWK and whether it is
// the private half.
type keyImport struct {
	JWK     map[string]any `json:"jwk"`
	Private bool           `json:"private"`
}

// glueKeyNumber imports a key into the glue once and returns its number
// there, cached under the Go key's pointer.
func (m *ES256) glueKeyNumber(key any) (uint32, error) {
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
	_, private := key.(*ecdsa.PrivateKey)
	req, err := json.Marshal(keyImport{JWK: jwk, Private: private})
	if err != nil {
		return 0, err
	}
	out, err := glue.CallSync(glue.OpImportKey, req)
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
	n, err := m.glueKeyNumber(pub)
	if err != nil {
		return err
	}
	p := make([]byte, 8, 8+len(sig)+len(signingString))
	binary.LittleEndian.PutUint32(p, n)
	binary.LittleEndian.PutUint32(p[4:], uint32(len(sig)))
	p = append(append(p, sig...), signingString...)
	out, err := glue.CallSync(glue.OpVerify, p)
	if err != nil {
		return err
	}
	if len(out) != 1 || out[0] != 1 {
		return jwt.ErrSignatureInvalid
	}
	return nil
}

func (m *ES256) signGlue(priv *ecdsa.PrivateKey, signingString string) ([]byte, error) {
	n, err := m.glueKeyNumber(priv)
	if err != nil {
		return nil, err
	}
	p := make([]byte, 4, 4+len(signingString))
	binary.LittleEndian.PutUint32(p, n)
	p = append(p, signingString...)
	return glue.CallSync(glue.OpSign, p)
}
