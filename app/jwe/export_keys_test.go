package jwe_test

import (
	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

func keysPublicPEM(km *jot.KeyMaterial) ([]byte, error) {
	return keys.PublicPEM(km.Set.Keys[0].Public)
}
