# Runs the Python fixes, written next to this file, on the cases read as
# JSON from stdin, and prints what each verifier answered.
import base64
import json
import sys

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key

import pinned
import secret
import typed

req = json.load(sys.stdin)
keys = {
    "ec": load_pem_public_key(req["public_key_pem"].encode()),
    "strong": base64.b64decode(req["strong_secret"]),
    "weak": req["weak_secret"].encode(),
}
verifiers = {"pinned": pinned.verify, "typed": typed.verify_access_token, "secret": secret.verify_hs256}
results = []
for c in req["cases"]:
    try:
        verifiers[c["fix"]](c["token"], keys[c["key"]], req["issuer"], req["audience"])
        results.append({"accepted": True, "error": ""})
    except jwt.PyJWTError as e:
        results.append({"accepted": False, "error": f"{type(e).__name__}: {e}"})
a, b = secret.new_secret(), secret.new_secret()
print(json.dumps({"results": results, "secret_length": len(a), "secrets_differ": a != b}))
