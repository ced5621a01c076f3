package naivelab

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"math/big"
)

// psychicVerify is ECDSA verification (FIPS 186-5 §6.4.2) as Java 15 to
// 18 did it before the fix for CVE-2022-21449: it never checks that r and
// s lie in [1, n-1]. With r = s = 0, the inverse of s is taken as 0, both
// scalars are 0, the point is the point at infinity, whose x is read as 0,
// and 0 mod n equals r: any message "verifies" with any key.
func psychicVerify(pub *ecdsa.PublicKey, msg, sig []byte) bool {
	if len(sig) != 64 {
		return false
	}
	curve := elliptic.P256()
	n := curve.Params().N
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	sum := sha256.Sum256(msg)
	e := new(big.Int).SetBytes(sum[:])
	w := new(big.Int).ModInverse(s, n)
	if w == nil { // s has no inverse: the flawed code went on with 0
		w = new(big.Int)
	}
	u1 := new(big.Int).Mod(new(big.Int).Mul(e, w), n)
	u2 := new(big.Int).Mod(new(big.Int).Mul(r, w), n)
	x1, y1 := scalarBase(curve, u1)
	x2, y2 := scalarMult(curve, pub.X, pub.Y, u2)
	x, _ := add(curve, x1, y1, x2, y2)
	return new(big.Int).Mod(x, n).Cmp(r) == 0
}

// The point at infinity is (0, 0) in crypto/elliptic's affine form.
func scalarBase(c elliptic.Curve, k *big.Int) (x, y *big.Int) {
	if k.Sign() == 0 {
		return new(big.Int), new(big.Int)
	}
	return c.ScalarBaseMult(k.Bytes())
}

func scalarMult(c elliptic.Curve, px, py, k *big.Int) (x, y *big.Int) {
	if k.Sign() == 0 {
		return new(big.Int), new(big.Int)
	}
	return c.ScalarMult(px, py, k.Bytes())
}

func add(c elliptic.Curve, x1, y1, x2, y2 *big.Int) (x, y *big.Int) {
	switch {
	case x1.Sign() == 0 && y1.Sign() == 0:
		return x2, y2
	case x2.Sign() == 0 && y2.Sign() == 0:
		return x1, y1
	}
	return c.Add(x1, y1, x2, y2)
}
