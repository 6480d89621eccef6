// fhirclient logs through `debug`; in the app that output is never wanted (it can
// include server responses), so the package is replaced by this silent stand-in.
// CommonJS because fhirclient require()s it.
function createDebug() {
  const log = function () {};
  log.enabled = false;
  log.extend = function () { return log; };
  return log;
}
module.exports = createDebug;
module.exports.default = createDebug;
