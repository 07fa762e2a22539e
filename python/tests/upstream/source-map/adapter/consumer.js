// Runs Mozilla's test/test-source-map-consumer.js against tandem.sourcemap, once per backend:
//
//   node adapter/consumer.js MOZILLA_LIB TANDEM BACKEND...
//
// MOZILLA_LIB is the lib/ folder of npm's source-map 0.7.6: the tests' own helpers
// (test/util.js's lib/util.js) and SourceMapGenerator, which builds some of their maps, come
// from there; their SourceMapConsumer is adapter/tandem-consumer.js, served by one Tandem
// process (TANDEM run adapter/serve.py). Tests listed in NOT_APPLICABLE-consumer.txt are
// skipped with their reason. Prints PASS/FAIL/SKIP per test and backend, then a count line;
// exits 1 when a test failed.
"use strict";
const assert = require("assert");
const childProcess = require("child_process");
const fs = require("fs");
const Module = require("module");
const os = require("os");
const path = require("path");

const [mozillaLib, tandem] = process.argv.slice(2, 4).map(arg => path.resolve(arg));
const backends = process.argv.slice(4);
const here = path.join(__dirname, "..");
const shim = path.join(__dirname, "tandem-consumer.js");

// "../lib/X" from the vendored tests: the consumer is Tandem's, the rest Mozilla's.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (parent && parent.filename && parent.filename.startsWith(path.join(here, "test")) && request.startsWith("../lib/")) {
    const name = request.slice("../lib/".length);
    request = name === "source-map-consumer" ? shim : path.join(mozillaLib, name);
  }
  return resolve.call(this, request, parent, ...rest);
};

function notApplicable() {
  const reasons = new Map();
  for (const line of fs.readFileSync(path.join(here, "NOT_APPLICABLE-consumer.txt"), "utf8").split("\n")) {
    if (line.trim() && !line.startsWith("#")) {
      const [name, reason] = line.split("\t");
      reasons.set(name, reason);
    }
  }
  return reasons;
}

async function main() {
  const fifos = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-consumer-"));
  const [requestPath, answerPath] = [path.join(fifos, "requests"), path.join(fifos, "answers")];
  childProcess.execFileSync("mkfifo", [requestPath, answerPath]);
  const server = childProcess.spawn(tandem, ["run", path.join(__dirname, "serve.py"), requestPath, answerPath],
    { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, TANDEM_DAEMON: "0" } });
  process.on("exit", () => server.kill()); // a test run that fails early leaves no Tandem behind
  // Opened in the order serve.py opens them; each open waits for the other side.
  const requests = fs.openSync(requestPath, "w");
  const answers = fs.openSync(answerPath, "r");
  const consumer = require(shim);
  consumer.connect(requests, answers);

  const tests = require(path.join(here, "test", "test-source-map-consumer.js"));
  const skipped = notApplicable();
  let passed = 0;
  let failed = 0;
  for (const backend of backends) {
    consumer.useBackend(backend);
    for (const [name, test] of Object.entries(tests)) {
      if (skipped.has(name)) {
        console.log(`SKIP ${backend} ${name}: ${skipped.get(name)}`);
        continue;
      }
      try {
        await test(assert);
        passed++;
        console.log(`PASS ${backend} ${name}`);
      } catch (error) {
        failed++;
        console.log(`FAIL ${backend} ${name}\n${error.stack}`);
      }
    }
  }
  fs.closeSync(requests);
  await new Promise(done => server.on("exit", done));
  fs.rmSync(fifos, { recursive: true });
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(code => process.exit(code), error => {
  console.error(error);
  process.exit(1);
});
