// Runs Mozilla's test/test-util.js against the recording lib/util.js and prints every
// assertion as JSON: [{test, call, args, expected}]. Usage: node adapter/cases.js > cases.json
"use strict";
const path = require("path");
const tests = require(path.join(__dirname, "..", "test", "test-util.js"));
const cases = [];
for (const [test, run] of Object.entries(tests)) {
  run({ equal: (actual, expected) => cases.push({ test, call: actual[0], args: actual[1], expected }) });
}
process.stdout.write(JSON.stringify(cases));
