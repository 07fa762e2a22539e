// Mozilla's source-map (0.8.0, from scripts/peers.sh node) as a peer of the source-map benchmark.
// Usage: node sourcemap_peer.js NODE_PEERS_DIR MAP POSITIONS WARMUP RUNS
// Same protocol and output as scripts/bench/sourcemap_peer.py (see tandem_bench/sourcemap.py).
// Its mappings are decoded lazily, on the first query: the timed parse includes one query.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const [peers, mapFile, positionsFile, warmup, runs] = process.argv.slice(2);
const sourceMap = require(path.resolve(peers, "node_modules", "source-map"));
const { SourceMapConsumer } = sourceMap;

async function measure(workload, warmupSeconds, count) {
  const deadline = performance.now() + warmupSeconds * 1000;
  let output = await workload();
  while (performance.now() < deadline) await workload();
  const seconds = [];
  for (let run = 0; run < count; run++) {
    const start = performance.now();
    output = await workload();
    seconds.push((performance.now() - start) / 1000);
  }
  return { seconds, output };
}

function digest(values) {
  const bytes = Buffer.from(Int32Array.from(values).buffer); // little-endian on every supported host
  return crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

function firstIndex(values) {
  const index = new Map();
  values.forEach((value, position) => { if (!index.has(value)) index.set(value, position); });
  return index;
}

(async () => {
  const text = fs.readFileSync(mapFile, "utf8");
  const positions = JSON.parse(fs.readFileSync(positionsFile, "utf8"));
  let held = null;
  const parse = await measure(async () => {
    if (held) held.destroy(); // the wasm heap is freed by hand
    held = await new SourceMapConsumer(JSON.parse(text));
    held.originalPositionFor({ line: 1, column: 0 });
    return held;
  }, Number(warmup), Number(runs));
  const consumer = parse.output;
  const sources = firstIndex(consumer.sources);
  const names = firstIndex(JSON.parse(text).names || []);
  let mappings = 0;
  consumer.eachMapping(() => { mappings++; });
  const search = await measure(() => {
    const out = new Array(positions.length * 4);
    let at = 0;
    for (const [line, column] of positions) {
      const found = consumer.originalPositionFor({ line, column });
      if (found.source === null) {
        out[at++] = -1; out[at++] = -1; out[at++] = -1; out[at++] = -1;
      } else {
        out[at++] = sources.get(found.source);
        out[at++] = found.line - 1;
        out[at++] = found.column;
        out[at++] = found.name === null ? -1 : names.get(found.name);
      }
    }
    return out;
  }, Number(warmup), Number(runs));
  consumer.destroy();
  const version = JSON.parse(fs.readFileSync(path.join(peers, "node_modules", "source-map", "package.json"))).version;
  process.stdout.write(JSON.stringify({ parse_seconds: parse.seconds, mappings, seconds: search.seconds,
    lookups: positions.length, digest: digest(search.output), version: `source-map ${version}, node ${process.version}` }) + "\n");
})().catch(error => { console.error(error); process.exit(1); });

