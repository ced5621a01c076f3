// Instantiates each WebAssembly module named on the command line with
// imports that do nothing, and prints one line per module: the SHA-256 of
// the memory it exports, as the engine initialised it, and its size.
// Go's js/wasm modules have no start function, so nothing of theirs runs.
const fs = require("fs");
const crypto = require("crypto");
for (const path of process.argv.slice(2)) {
  const module = new WebAssembly.Module(fs.readFileSync(path));
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== "function") throw new Error(path + ": import " + imp.name + " is a " + imp.kind);
    (imports[imp.module] ||= {})[imp.name] = () => {};
  }
  const instance = new WebAssembly.Instance(module, imports);
  const memory = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Memory);
  if (!memory) throw new Error(path + " exports no memory");
  const hash = crypto.createHash("sha256").update(new Uint8Array(memory.buffer)).digest("hex");
  console.log(hash + " " + memory.buffer.byteLength);
}
