// Mozilla's source-map as the peer of python/tests/test_sourcemap_parity.py.
// Usage: node scripts/sourcemap_mozilla.js NODE_PEERS_DIR MAP_FILE QUERIES_JSON
// QUERIES_JSON: {"original": [[line, column], ...], "generated": [[sourceIndex, line, column|null], ...]}
// (lines 1-based). Prints JSON: every mapping in generated order as
// [generatedLine, generatedColumn, sourceIndex|-1, originalLine|-1, originalColumn|-1, name|null],
// originalPositionFor of each query with both biases, allGeneratedPositionsFor of each.
// Sources are reported by index so that URL normalisation does not enter the comparison.
"use strict";
const fs = require("fs");
const path = require("path");
const [peers, mapFile, queriesFile] = process.argv.slice(2);
const { SourceMapConsumer } = require(path.join(peers, "node_modules", "source-map"));

(async () => {
  const raw = JSON.parse(fs.readFileSync(mapFile, "utf8"));
  const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
  const consumer = await new SourceMapConsumer(raw);
  const sourceIndex = source => (source === null ? -1 : consumer.sources.indexOf(source));
  const mappings = [];
  consumer.eachMapping(m => {
    mappings.push([m.generatedLine, m.generatedColumn, sourceIndex(m.source),
      m.originalLine ?? -1, m.originalColumn ?? -1, m.name ?? null]);
  });
  const position = p => [sourceIndex(p.source), p.line ?? -1, p.column ?? -1, p.name ?? null];
  const original = queries.original.map(([line, column]) => [
    position(consumer.originalPositionFor({ line, column, bias: SourceMapConsumer.GREATEST_LOWER_BOUND })),
    position(consumer.originalPositionFor({ line, column, bias: SourceMapConsumer.LEAST_UPPER_BOUND })),
  ]);
  consumer.computeColumnSpans();
  const generated = queries.generated.map(([source, line, column]) => {
    const args = { source: consumer.sources[source], line };
    if (column !== null) args.column = column;
    return consumer.allGeneratedPositionsFor(args)
      .map(p => [p.line, p.column, p.lastColumn === Infinity ? null : p.lastColumn]);
  });
  consumer.destroy();
  process.stdout.write(JSON.stringify({ mappings, original, generated }));
})().catch(error => { console.error(error); process.exit(1); });
