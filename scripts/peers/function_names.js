// Builds the bundle the function-name tests read, into the folder given (target/function-names):
// python/tests/function_names/shapes.js minified by terser (pinned in node.sh) into shapes.min.js
// and shapes.min.js.map, then run under node: trace.txt holds the V8 stack of each call that
// throws, each trace's message the original name of the function its second frame is in.
"use strict";
const fs = require("fs");
const path = require("path");

const [terserDir, source, out] = process.argv.slice(2);
const { minify } = require(terserDir);

(async () => {
  const minified = await minify({ "shapes.js": fs.readFileSync(source, "utf8") },
    { sourceMap: { filename: "shapes.min.js", url: "shapes.min.js.map" } });
  fs.mkdirSync(out, { recursive: true });
  const bundle = path.join(out, "shapes.min.js");
  fs.writeFileSync(bundle, minified.code);
  fs.writeFileSync(bundle + ".map", minified.map);
  require(bundle);
  const s = globalThis.shapes;
  const calls = [
    () => s.computeTotal([{ price: 200 }]),
    () => s.formatPrice(-1),
    () => s.halve(3),
    () => s.openCart(""),
    () => s.openCart("ann").checkout([]),
    () => s.openCart("bob").size,
    () => s.ShoppingCart.restore(null),
    () => s.registry.register(null),
    () => s.registry.find("nobody"),
  ];
  const traces = [];
  for (const call of calls) {
    try {
      call();
    } catch (error) {
      traces.push(error.stack.split("\n").slice(0, 3).join("\n"));
    }
  }
  fs.writeFileSync(path.join(out, "trace.txt"), traces.join("\n") + "\n");
})();
