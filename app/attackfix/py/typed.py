import jwt


def verify_access_token(raw, public_key, issuer, audience):
    """Accept only an access token (RFC 9068 section 2.1): an ID token or a
    refresh token of the same issuer and key has another typ and is
    refused (RFC 8725 section 3.11)."""
    token = jwt.api_jwt.decode_complete(
        raw,
        public_key,
        algorithms=["ES256"],
        issuer=issuer,
        audience=audience,
        options={"require": ["exp", "iss", "aud"]},
    )
    typ = str(token["header"].get("typ", "")).lower().removeprefix("application/")
    if typ != "at+jwt":
        raise jwt.InvalidTokenError("not an access token: typ must be at+jwt")
    return token["payload"]
