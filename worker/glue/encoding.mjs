// encoding.mjs chooses which precompressed twin of app.wasm a request
// gets. It has no imports, so that Node can test it as it is deployed.

// twins are app.wasm's precompressed copies, in the server's order of
// preference: brotli is the smaller.
const twins = [["br", ".br"], ["gzip", ".gz"]];

// encodings returns the twins that an Accept-Encoding value accepts, best
// first: by the client's q-value (RFC 9110 §12.5.3), then by the server's
// preference, so that Chrome's "gzip, deflate, br, zstd" gets brotli. A
// coding with q=0, or one neither named nor covered by "*", is not
// acceptable; "identity" needs no twin.
export function encodings(accept) {
  const q = new Map();
  for (const part of (accept || "").split(",")) {
    const [name, ...params] = part.split(";");
    const coding = name.trim().toLowerCase();
    if (coding === "") continue;
    let weight = 1;
    for (const p of params) {
      const [k, v] = p.split("=");
      if (k.trim().toLowerCase() === "q") {
        weight = Number(v);
        if (!Number.isFinite(weight) || weight < 0 || weight > 1) weight = 0;
      }
    }
    q.set(coding, weight);
  }
  const weigh = (enc) => (q.has(enc) ? q.get(enc) : q.has("*") ? q.get("*") : 0);
  return twins
    .map((twin, rank) => ({ twin, rank, w: weigh(twin[0]) }))
    .filter((t) => t.w > 0)
    .sort((a, b) => b.w - a.w || a.rank - b.rank)
    .map((t) => t.twin);
}
