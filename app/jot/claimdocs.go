package jot

import "sync"

// ClaimDoc explains one JWT claim or JOSE header parameter.
type ClaimDoc struct {
	Name  string
	Title string // a short name, such as "Expiration Time"
	Text  string // what it means and how a verifier uses it
	Ref   string // where it is defined
	Time  bool   // the value is a NumericDate
}

// claimDocs covers the registered claims of RFC 7519 §4.1, the OpenID
// Connect ID token and standard claims, and those of the OAuth JWT
// profiles.
var claimDocs = []ClaimDoc{
	{"iss", "Issuer", "Who created and signed the token, usually an HTTPS URL. A verifier compares it exactly with the issuer it trusts, and takes the keys from that issuer only.", "RFC 7519 §4.1.1", false},
	{"sub", "Subject", "Whom the token is about, usually a user or client id, unique within the issuer. Identify users by iss and sub together.", "RFC 7519 §4.1.2", false},
	{"aud", "Audience", "Who the token is for: one string or an array. A recipient must find itself in it, or refuse the token.", "RFC 7519 §4.1.3", false},
	{"exp", "Expiration Time", "The token must not be accepted at or after this time (seconds since 1970, UTC). Verifiers allow a small clock skew.", "RFC 7519 §4.1.4", true},
	{"nbf", "Not Before", "The token must not be accepted before this time.", "RFC 7519 §4.1.5", true},
	{"iat", "Issued At", "When the token was issued; its age can be judged from it.", "RFC 7519 §4.1.6", true},
	{"jti", "JWT ID", "A unique id for this token, to detect replays and to revoke it.", "RFC 7519 §4.1.7", false},
	{"auth_time", "Authentication Time", "When the user last authenticated actively, for example typed a password.", "OpenID Connect Core §2", true},
	{"nonce", "Nonce", "The value the client sent in its authentication request; the client checks it to stop replayed ID tokens.", "OpenID Connect Core §2", false},
	{"acr", "Authentication Context Class", "How strongly the user was authenticated, as an agreed class name.", "OpenID Connect Core §2", false},
	{"amr", "Authentication Methods", "How the user authenticated: an array such as [\"pwd\", \"otp\"].", "OpenID Connect Core §2, RFC 8176", false},
	{"azp", "Authorized Party", "The client the ID token was issued to, when aud holds several.", "OpenID Connect Core §2", false},
	{"at_hash", "Access Token Hash", "Half of the hash of the access token issued with this ID token, base64url; it binds the two.", "OpenID Connect Core §3.1.3.6", false},
	{"c_hash", "Code Hash", "Half of the hash of the authorization code, in the hybrid flow.", "OpenID Connect Core §3.3.2.11", false},
	{"s_hash", "State Hash", "Half of the hash of the state value (FAPI).", "FAPI 1.0 Advanced §5.1", false},
	{"sid", "Session ID", "The user's session at the OpenID Provider, for logout.", "OpenID Connect Front-Channel Logout §3", false},
	{"name", "Name", "The user's full name, for display.", "OpenID Connect Core §5.1", false},
	{"given_name", "Given Name", "The user's first name(s).", "OpenID Connect Core §5.1", false},
	{"family_name", "Family Name", "The user's surname(s).", "OpenID Connect Core §5.1", false},
	{"middle_name", "Middle Name", "The user's middle name(s).", "OpenID Connect Core §5.1", false},
	{"nickname", "Nickname", "A casual name of the user.", "OpenID Connect Core §5.1", false},
	{"preferred_username", "Preferred Username", "The name the user wants to be called by. It is not unique and may change: never use it as a key.", "OpenID Connect Core §5.1", false},
	{"profile", "Profile", "The URL of the user's profile page.", "OpenID Connect Core §5.1", false},
	{"picture", "Picture", "The URL of the user's picture.", "OpenID Connect Core §5.1", false},
	{"website", "Website", "The URL of the user's web site.", "OpenID Connect Core §5.1", false},
	{"email", "Email", "The user's email address. Do not trust it unless email_verified is true.", "OpenID Connect Core §5.1", false},
	{"email_verified", "Email Verified", "Whether the provider verified that the user controls the email address.", "OpenID Connect Core §5.1", false},
	{"gender", "Gender", "The user's gender.", "OpenID Connect Core §5.1", false},
	{"birthdate", "Birthdate", "The user's birthday, as YYYY-MM-DD.", "OpenID Connect Core §5.1", false},
	{"zoneinfo", "Time Zone", "The user's time zone, such as Europe/Paris.", "OpenID Connect Core §5.1", false},
	{"locale", "Locale", "The user's locale, such as en-US.", "OpenID Connect Core §5.1", false},
	{"phone_number", "Phone Number", "The user's phone number, ideally E.164.", "OpenID Connect Core §5.1", false},
	{"phone_number_verified", "Phone Number Verified", "Whether the provider verified the phone number.", "OpenID Connect Core §5.1", false},
	{"address", "Address", "The user's postal address, as a JSON object.", "OpenID Connect Core §5.1.1", false},
	{"updated_at", "Updated At", "When the user's information was last updated.", "OpenID Connect Core §5.1", true},
	{"scope", "Scope", "The scopes granted, space-separated.", "RFC 8693 §4.2, RFC 9068 §2.2.3", false},
	{"client_id", "Client ID", "The OAuth client the token was issued to.", "RFC 8693 §4.3, RFC 9068 §2.2", false},
	{"act", "Actor", "Who acts on behalf of the subject, in delegation.", "RFC 8693 §4.1", false},
	{"may_act", "May Act", "Who is allowed to act on behalf of the subject.", "RFC 8693 §4.4", false},
	{"cnf", "Confirmation", "The key the presenter must prove possession of (for DPoP or mTLS bound tokens).", "RFC 7800 §3.1", false},
	{"roles", "Roles", "The subject's roles.", "RFC 9068 §2.2.3.1, RFC 7643 §4.1.2", false},
	{"groups", "Groups", "The groups the subject belongs to.", "RFC 9068 §2.2.3.1, RFC 7643 §4.1.2", false},
	{"entitlements", "Entitlements", "The subject's entitlements.", "RFC 9068 §2.2.3.1, RFC 7643 §4.1.2", false},
	{"events", "Security Events", "The events a Security Event Token reports.", "RFC 8417 §2.2", false},
	{"toe", "Time of Event", "When the reported security event happened.", "RFC 8417 §2.2", true},
	{"htm", "HTTP Method", "The method of the request a DPoP proof is for.", "RFC 9449 §4.2", false},
	{"htu", "HTTP URI", "The URI of the request a DPoP proof is for.", "RFC 9449 §4.2", false},
	{"ath", "Access Token Hash", "The hash of the access token a DPoP proof goes with.", "RFC 9449 §4.2", false},
}

// headerDocs covers the JOSE header parameters of RFC 7515 §4.1 and
// RFC 7516 §4.1 that tokens carry.
var headerDocs = []ClaimDoc{
	{"alg", "Algorithm", "The algorithm that secures the token. A verifier decides it from the key it holds and only checks that the token agrees.", "RFC 7515 §4.1.1", false},
	{"typ", "Type", "The media type of the whole token: \"JWT\", or an explicit type such as \"at+jwt\".", "RFC 7515 §4.1.9, RFC 8725 §3.11", false},
	{"cty", "Content Type", "The type of the payload; \"JWT\" only for nested tokens.", "RFC 7515 §4.1.10", false},
	{"kid", "Key ID", "A hint to which key verifies the token. Look it up as an opaque string among keys you hold.", "RFC 7515 §4.1.4", false},
	{"jku", "JWK Set URL", "A URL of keys. Never fetch it from an incoming token: the attacker chooses it.", "RFC 7515 §4.1.2", false},
	{"jwk", "JSON Web Key", "A public key embedded in the header. Never verify with it.", "RFC 7515 §4.1.3", false},
	{"x5u", "X.509 URL", "A URL of a certificate chain. Never fetch it from an incoming token.", "RFC 7515 §4.1.5", false},
	{"x5c", "X.509 Chain", "A certificate chain; trust it only after validating it against your anchors.", "RFC 7515 §4.1.6", false},
	{"x5t", "X.509 SHA-1 Thumbprint", "Identifies a certificate by its SHA-1 hash.", "RFC 7515 §4.1.7", false},
	{"x5t#S256", "X.509 SHA-256 Thumbprint", "Identifies a certificate by its SHA-256 hash.", "RFC 7515 §4.1.8", false},
	{"crit", "Critical", "Extensions the verifier must understand, or refuse the token.", "RFC 7515 §4.1.11", false},
	{"b64", "Base64url-Encode Payload", "false sends the payload unencoded (RFC 7797); rare, and must be listed in crit.", "RFC 7797 §3", false},
	{"enc", "Encryption Algorithm", "The content encryption of a JWE.", "RFC 7516 §4.1.2", false},
	{"zip", "Compression", "Compression of a JWE's plaintext before encryption.", "RFC 7516 §4.1.3", false},
	{"epk", "Ephemeral Public Key", "The sender's ephemeral key in ECDH-ES key agreement.", "RFC 7518 §4.6.1.1", false},
	{"apu", "Agreement PartyUInfo", "Information about the producer, for ECDH-ES.", "RFC 7518 §4.6.1.2", false},
	{"apv", "Agreement PartyVInfo", "Information about the recipient, for ECDH-ES.", "RFC 7518 §4.6.1.3", false},
	{"iv", "Initialization Vector", "The IV of AES-GCM key wrapping.", "RFC 7518 §4.7.1.1", false},
	{"tag", "Authentication Tag", "The tag of AES-GCM key wrapping.", "RFC 7518 §4.7.1.2", false},
	{"p2s", "PBES2 Salt", "The salt of password-based key wrapping.", "RFC 7518 §4.8.1.1", false},
	{"p2c", "PBES2 Count", "The iteration count of password-based key wrapping.", "RFC 7518 §4.8.1.2", false},
}

// claimIndex and headerIndex map names to their docs. They are built on
// first use rather than at package init, to keep start-up cheap for
// programs that never explain a claim.
var (
	claimIndex  = sync.OnceValue(func() map[string]*ClaimDoc { return indexDocs(claimDocs) })
	headerIndex = sync.OnceValue(func() map[string]*ClaimDoc { return indexDocs(headerDocs) })
)

func indexDocs(docs []ClaimDoc) map[string]*ClaimDoc {
	m := make(map[string]*ClaimDoc, len(docs))
	for i := range docs {
		m[docs[i].Name] = &docs[i]
	}
	return m
}

// ClaimInfo explains a claim of a JWT claims set.
func ClaimInfo(name string) (ClaimDoc, bool) {
	d, ok := claimIndex()[name]
	if !ok {
		return ClaimDoc{}, false
	}
	return *d, true
}

// HeaderInfo explains a JOSE header parameter.
func HeaderInfo(name string) (ClaimDoc, bool) {
	d, ok := headerIndex()[name]
	if !ok {
		return ClaimDoc{}, false
	}
	return *d, true
}

// ClaimDocs lists every documented claim, registered claims first.
func ClaimDocs() []ClaimDoc { return append([]ClaimDoc(nil), claimDocs...) }
