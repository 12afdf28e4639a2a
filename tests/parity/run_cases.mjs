// Runs every golden case (tests/cases/*.json) through calculators.cli.run inside Pyodide, booted from the
// assembled runtime folder (scripts/build_runtime.py) on its cut runtime as the site's worker starts it (with
// the fallback to the full runtime, docs/assets/javascripts/python-runtime.js), and prints one JSON object:
//   {"cases": {"<case id>": {"result": ...} | {"error": {"type", "field", "message"}}, ...},
//    "selfTest": "<sha256 of calculators.web.self_test() in this Python>",
//    "runtime": "cut" | "full" (the one that answered last), "warnings": [the fallback's messages],
//    "extra": the answer to --ask CODE, if given}
// tests/test_parity.py runs the same cases in CPython and asserts the JSON is identical, and that the self-test
// digest is the one the build recorded in the manifest (which the browser checks a restored snapshot against).
//
//   node tests/parity/run_cases.mjs [--snapshot] [--ask CODE] [RUNTIME_DIR (default build/runtime)]
//                                   [CASES_DIR (default tests/cases)]
//
// --ask CODE: after the cases, asks Python for the value of the expression CODE, as a question (tests of the
// fallback ask one that imports a module the cut left out).
//
// The wheels are unpacked and installed as the site's worker does it (fflate, then
// docs/assets/javascripts/python-runtime.js).
// With --snapshot the cases run in a Python restored from a memory snapshot, as a returning reader's
// calculator is: boot, install, answer the self-test questions (as the worker does), snapshot, then restore a
// new Pyodide from it. Python's stderr goes to this process's stderr, so a traceback there is seen.
//
// Only local files are read: no network. Timings go to stderr.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { unzipSync } from "fflate";
import { Calculators, PYTHON_ENV, bootFromSnapshot, captureSnapshot, guardCutRuntime, installWheels } from "../../docs/assets/javascripts/python-runtime.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const snapshot = args.includes("--snapshot");
const ask = args.includes("--ask") ? args.splice(args.indexOf("--ask"), 2)[1] : null;
const [runtimeArg, casesArg] = args.filter((arg) => arg !== "--snapshot");
const runtime = path.resolve(runtimeArg ?? path.join(root, "build", "runtime")) + path.sep;
const casesDir = path.resolve(casesArg ?? path.join(root, "tests", "cases"));
const log = (line) => process.stderr.write(`${line}\n`);
const manifest = JSON.parse(readFileSync(path.join(runtime, "manifest.json"), "utf8"));
const core = path.join(runtime, manifest.core);

// The Python side, shared with tests/test_parity.py.
const RUNNER = readFileSync(path.join(root, "tests", "parity_case.py"), "utf8");

// The wheels of the cut runtime, or of the full one (the fallback's uncut wheels in place of the cut ones).
function verifiedWheels(cut) {
  const full = new Map(manifest.fallback.wheels.map((wheel) => [wheel.file, wheel]));
  return manifest.wheels.map((wheel) => (cut ? wheel : full.get(wheel.file) ?? wheel)).map(({ file, path: wheel, bytes, sha256 }) => {
    const data = readFileSync(path.join(runtime, wheel));
    const digest = createHash("sha256").update(data).digest("hex");
    if (data.length !== bytes || digest !== sha256) throw new Error(`${file} does not match manifest.json`);
    return Object.entries(unzipSync(new Uint8Array(data)));
  });
}

function readCases() {
  const cases = {};
  for (const name of readdirSync(casesDir).filter((n) => n.endsWith(".json")).sort()) {
    cases[name.slice(0, -".json".length)] = JSON.parse(readFileSync(path.join(casesDir, name), "utf8"));
  }
  return cases;
}

const started = performance.now();
const { loadPyodide } = await import(pathToFileURL(path.join(core, "pyodide.mjs")).href);
const options = { indexURL: core, lockFileContents: manifest.lock, env: PYTHON_ENV, stdout: log, stderr: log }; // as the worker passes them
let booted, installed;
const warnings = [];

// As the worker starts Python: boot (the cut runtime guarded), install, answer the self-test; with --snapshot,
// then snapshot and restore.
async function start(cut) {
  const stdLibURL = path.join(runtime, cut ? manifest.stdlib.path : manifest.fallback.stdlib.path);
  let pyodide = await loadPyodide({ ...options, stdLibURL, _makeSnapshot: snapshot });
  booted = performance.now();
  if (cut) guardCutRuntime(pyodide);
  const files = installWheels(pyodide, verifiedWheels(cut));
  pyodide.pyimport("calculators.web").self_test();
  if (snapshot) {
    ({ pyodide } = await bootFromSnapshot(captureSnapshot(pyodide, files).pack(), { loadPyodide, ...options, stdLibURL }));
  }
  installed = performance.now();
  pyodide.runPython(RUNNER);
  return { pyodide };
}

const calculators = new Calculators({ start, warn: (message) => warnings.push(message) });
const cases = readCases();
const output = {};
for (const [id, kase] of Object.entries(cases)) {
  output[id] = JSON.parse(await calculators.ask((pyodide) => pyodide.globals.get("run_cases")(JSON.stringify({ [id]: kase }))))[id];
}
const selfTest = await calculators.ask((pyodide) => createHash("sha256").update(pyodide.pyimport("calculators.web").self_test()).digest("hex"));
const extra = ask === null ? null : await calculators.ask((pyodide) => pyodide.runPython(ask));
const { pyodide } = await calculators.python;
const finished = performance.now();
process.stdout.write(`${JSON.stringify({ cases: output, selfTest, runtime: calculators.cut ? "cut" : "full", warnings, extra })}\n`);
const ms = (a, b) => `${Math.round(b - a)} ms`;
log(`pyodide ${pyodide.version}: boot ${ms(started, booted)}, install wheels${snapshot ? ", snapshot and restore" : ""} ` +
    `${ms(booted, installed)}, ` +
    `run cases ${ms(installed, finished)}, total ${ms(started, finished)}`);
