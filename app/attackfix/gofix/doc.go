// Package gofix holds the attack lab's fixes in Go with golang-jwt: each
// file is shown in the page as it is, and the attackfix tests run it
// against the attack tokens.
package gofix
