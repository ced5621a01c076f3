// Responses of the Hono reference worker, with the headers the Go worker
// sends on every JSON answer (authserver.writeJSON).

const jsonHeaders = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

// send answers with body as JSON and extra headers.
export function send(c, status, body, headers = {}) {
  return c.body(JSON.stringify(body) + "\n", status, { ...jsonHeaders, ...headers });
}

// fail answers with the error shape of every failed request.
export function fail(c, status, error, description, headers = {}) {
  return send(c, status, { error, error_description: description }, headers);
}

// challenge answers a failed Bearer check as RFC 6750 §3 describes.
export function challenge(c, error, description) {
  let v = `Bearer realm="authlab"`;
  if (error) v += `, error="${error}", error_description="${description.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "'")}"`;
  const status = error === "invalid_request" ? 400 : 401;
  return fail(c, status, error ?? "unauthorized", description, { "WWW-Authenticate": v });
}
