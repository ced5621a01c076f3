import jwt


def verify(raw, public_key, issuer, audience):
    """Accept only an ES256 token signed with public_key, which comes from
    the API's configuration, never from the token: alg, kid, jku, x5u and
    jwk choose nothing (RFC 8725 sections 3.1, 3.10). The issuer, the
    audience and an exp in the future are required (sections 3.8, 3.9)."""
    return jwt.decode(
        raw,
        public_key,
        algorithms=["ES256"],
        issuer=issuer,
        audience=audience,
        options={"require": ["exp", "iss", "aud"]},
    )
