package authserver

// ClientKey is clientKey, for the external tests.
var ClientKey = clientKey
