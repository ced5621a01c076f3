package keys

import (
	"encoding/json"
	"fmt"
)

// MarshalJWK writes k as an indented JWK (RFC 7517 §4) with its kid, alg
// and use. With private false only the public members are written; an
// HMAC secret has no public form and is refused.
func MarshalJWK(k *Key, private bool) ([]byte, error) {
	var (
		j   *JWK
		err error
	)
	if private {
		if k.Private == nil {
			return nil, fmt.Errorf("%w: %s", ErrNoPrivate, Describe(k))
		}
		j, err = PrivateJWK(k.Private)
	} else {
		if _, secret := k.Public.([]byte); secret {
			return nil, fmt.Errorf("%w: a shared secret has no public half", ErrKeyType)
		}
		j, err = PublicJWK(k.Public)
	}
	if err != nil {
		return nil, err
	}
	j.Kid, j.Alg, j.Use, j.KeyOps = k.Kid, k.Alg, k.Use, nil
	return json.MarshalIndent(j, "", "  ")
}
