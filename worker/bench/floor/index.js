// The floor of the benchmark: a worker that answers every request at once
// with a fixed response of the shape the benchmark expects, and does no
// work. It runs under the same `wrangler dev`, wrk and machine as the
// measured workers, so its figures are the most any worker can reach
// there: what a measured worker loses against it is its own cost.
//
//   POST /api/register  201
//   POST /api/login     200 with a token of the JWT's shape (not signed)
//   POST /api/keys      201 with a key of the API key's shape
//   GET  /api/data      200 with the RateLimit headers the benchmark checks
//   GET  /api/health, GET /api/protected, POST /oauth/token
//                       200 with a small JSON body
//   anything else       404, as the benchmark's no-op request expects
const json = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
const token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmbG9vciJ9.Zmxvb3I";
const bodies = {
  "/api/register": [201, JSON.stringify({ id: "1", username: "bench" })],
  "/api/login": [200, JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 900 })],
  "/api/keys": [201, JSON.stringify({ key: "alk_floor_0123456789abcdef", daily_quota: 100000 })],
  "/api/data": [200, JSON.stringify({ data: "floor", quota: { limit: 100000 } })],
};
const ok = [200, JSON.stringify({ status: "ok", message: "the benchmark's floor answers without doing any work" })];
for (const path of ["/api/health", "/api/protected", "/oauth/token"]) bodies[path] = ok;
const notFound = [404, JSON.stringify({ error: "not_found" })];

export default {
  fetch(req) {
    const path = new URL(req.url).pathname;
    const [status, body] = bodies[path] || notFound;
    const headers = path === "/api/data" ? { ...json, "ratelimit-limit": "100000", "ratelimit-remaining": "99999" } : json;
    return new Response(body, { status, headers });
  },
};
