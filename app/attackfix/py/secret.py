import secrets

import jwt


def new_secret():
    """An HS256 secret: 32 random bytes, as long as the hash (RFC 7518
    section 3.2), which no word list holds (RFC 8725 section 3.5)."""
    return secrets.token_bytes(32)


def verify_hs256(raw, secret, issuer, audience):
    """Accept only an HS256 token signed with secret, and refuse to use a
    secret shorter than the hash."""
    if len(secret) < 32:
        raise jwt.InvalidKeyError("an HS256 secret must be at least 32 bytes")
    return jwt.decode(
        raw,
        secret,
        algorithms=["HS256"],
        issuer=issuer,
        audience=audience,
        options={"require": ["exp", "iss", "aud"]},
    )
