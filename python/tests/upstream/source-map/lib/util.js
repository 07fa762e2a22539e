// Not Mozilla's util.js: the adapter test/test-util.js loads in its place (it requires
// "../lib/util"). Each call the test makes returns [function name, arguments]; the assert that
// adapter/cases.js hands the test records it with the value the test expects, so Tandem's
// implementations can be checked against every assertion as the test states it.
"use strict";
module.exports = new Proxy({}, {
  get: (_, name) => (...args) => [name, args.map(arg => (arg === undefined ? null : arg))],
});
