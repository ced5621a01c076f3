package keys

// Label names k by the RFC 7638 §3 thumbprint of its public JWK (of its
// "oct" JWK for a secret) and marks it for signing with alg, as the
// generators do.
func Label(k *Key, alg string) error {
	var (
		j   *JWK
		err error
	)
	if secret, ok := k.Public.([]byte); ok {
		j, err = PrivateJWK(secret)
	} else {
		j, err = PublicJWK(k.Public)
	}
	if err != nil {
		return err
	}
	kid, err := Thumbprint(j)
	if err != nil {
		return err
	}
	k.Kid, k.Alg, k.Use = kid, alg, "sig"
	return nil
}
