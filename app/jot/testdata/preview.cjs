// Reads a JSON array of pasted tokens on stdin and prints, as a JSON array,
// what the preview of web/loader.js (the file named by the first argument)
// shows of each, in the terms of preview_test.go's shown.
const inspectToken = require(process.argv[2]);

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const text = (seg) => (seg && !seg.err ? seg.text : null);
  const out = JSON.parse(input).map((token) => {
    const r = inspectToken(token);
    if (r === null) return { blank: true, refused: false, jwe: false, header: null, payload: null };
    return { blank: false, refused: r.errs.length > 0, jwe: r.jwe, header: text(r.header), payload: text(r.payload) };
  });
  process.stdout.write(JSON.stringify(out));
});
