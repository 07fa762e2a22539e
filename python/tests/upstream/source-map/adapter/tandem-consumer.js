// Mozilla's SourceMapConsumer API over tandem.sourcemap: what test-source-map-consumer.js gets
// when it requires "../lib/source-map-consumer" (adapter/consumer.js points it here). Each
// method is one request to adapter/serve.py inside Tandem, answered synchronously over two
// FIFOs, so the tests' synchronous calls stay synchronous. Only names are translated (1-based
// lines, Mozilla's argument objects, a missing source content throwing unless asked not to);
// every answer is Tandem's.
"use strict";
const fs = require("fs");

let requests = null;
let answers = null;
let pending = "";

function connect(requestFd, answerFd) {
  requests = requestFd;
  answers = answerFd;
}

function useBackend(name) {
  ask({ op: "backend", name });
}

function ask(request) {
  fs.writeSync(requests, JSON.stringify(request) + "\n");
  const chunk = Buffer.alloc(1 << 16);
  while (!pending.includes("\n")) {
    const read = fs.readSync(answers, chunk, 0, chunk.length, null);
    if (read === 0) throw new Error("Tandem closed the adapter's pipe (see its stderr)");
    pending += chunk.toString("utf8", 0, read);
  }
  const end = pending.indexOf("\n");
  const answer = JSON.parse(pending.slice(0, end));
  pending = pending.slice(end + 1);
  if (answer.error) throw new Error(`${answer.error}: ${answer.message}`);
  return answer;
}

const GENERATED_ORDER = 1;
const ORIGINAL_ORDER = 2;
const GREATEST_LOWER_BOUND = 1;
const LEAST_UPPER_BOUND = 2;

class SourceMapConsumer {
  // `await new SourceMapConsumer(rawMap, sourceMapUrl)`, as in Mozilla's 0.7 API.
  constructor(rawMap, sourceMapUrl) {
    const text = typeof rawMap === "string" ? rawMap : JSON.stringify(rawMap);
    const loaded = ask({ op: "load", map: text, url: sourceMapUrl == null ? null : sourceMapUrl });
    const consumer = Object.create((loaded.indexed ? IndexedSourceMapConsumer : BasicSourceMapConsumer).prototype);
    consumer._id = loaded.id;
    consumer._spans = false;
    consumer.file = loaded.file;
    consumer.sourceRoot = loaded.sourceRoot;
    consumer.sources = loaded.sources;
    if (loaded.sourcesContent) consumer.sourcesContent = loaded.sourcesContent;
    consumer.x_google_ignoreList = loaded.ignoreList;
    return Promise.resolve(consumer);
  }

  static fromSourceMap(generator, sourceMapUrl) {
    return new SourceMapConsumer(generator.toJSON(), sourceMapUrl);
  }

  static async with(rawMap, sourceMapUrl, f) {
    const consumer = await new SourceMapConsumer(rawMap, sourceMapUrl);
    try {
      return await f(consumer);
    } finally {
      consumer.destroy();
    }
  }

  _call(method, ...args) {
    return ask({ op: "call", id: this._id, method, args }).value;
  }

  // Tandem always knows where a generated position's span ends; Mozilla reports it only after
  // computeColumnSpans(), and a span that runs to the end of the line as Infinity.
  computeColumnSpans() {
    this._spans = true;
  }

  _lastColumn(lastColumn) {
    if (!this._spans) return null;
    return lastColumn === null ? Infinity : lastColumn;
  }

  originalPositionFor({ line, column, bias }) {
    return this._call("original_position_for", line, column, bias == null ? GREATEST_LOWER_BOUND : bias);
  }

  generatedPositionFor({ source, line, column, bias }) {
    const found = this._call("generated_position_for", source, line, column,
      bias == null ? GREATEST_LOWER_BOUND : bias);
    return { line: found.line, column: found.column, lastColumn: found.line === null ? null : this._lastColumn(found.last_column) };
  }

  allGeneratedPositionsFor({ source, line, column }) {
    return this._call("generated_positions_for", source, line, column === undefined ? null : column)
      .map(p => ({ line: p.line, column: p.column, lastColumn: this._lastColumn(p.last_column) }));
  }

  sourceContentFor(source, returnNullOnMissing) {
    const content = this._call("source_content", source);
    if (content === null && !returnNullOnMissing) throw new Error('"' + source + '" is not in the SourceMap.');
    return content;
  }

  hasContentsOfAllSources() {
    return this.sources.every((_, index) => this._call("source_content", index) !== null);
  }

  eachMapping(callback, context, order) {
    const original = (order || GENERATED_ORDER) === ORIGINAL_ORDER;
    for (const token of ask({ op: "mappings", id: this._id, original }).value) {
      const mapped = token.src !== null;
      callback.call(context || null, {
        source: token.src,
        generatedLine: token.dst_line + 1,
        generatedColumn: token.dst_col,
        lastGeneratedColumn: null,
        originalLine: mapped ? token.src_line + 1 : null,
        originalColumn: mapped ? token.src_col : null,
        name: token.name,
      });
    }
  }

  destroy() {
    ask({ op: "drop", id: this._id });
  }
}

Object.assign(SourceMapConsumer, { GENERATED_ORDER, ORIGINAL_ORDER, GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND });

class BasicSourceMapConsumer extends SourceMapConsumer {}
class IndexedSourceMapConsumer extends SourceMapConsumer {}

module.exports = { SourceMapConsumer, BasicSourceMapConsumer, IndexedSourceMapConsumer, connect, useBackend };
