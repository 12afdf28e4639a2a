// Runs every golden case (tests/cases/*.json) through calculators.cli.run inside Pyodide, booted from the
// assembled runtime folder (scripts/build_runtime.py), and prints one JSON object on stdout:
//   {"cases": {"<case id>": {"result": ...} | {"error": {"type", "field", "message"}}, ...},
//    "selfTest": "<sha256 of calculators.web.self_test() in this Python>"}
// tests/test_parity.py runs the same cases in CPython and asserts the JSON is identical, and that the self-test
// digest is the one the build recorded in the manifest (which the browser checks a restored snapshot against).
//
//   node tests/parity/run_cases.mjs [--snapshot] [RUNTIME_DIR (default build/runtime)] [CASES_DIR (default tests/cases)]
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
import { PYTHON_ENV, bootFromSnapshot, captureSnapshot, installWheels } from "../../docs/assets/javascripts/python-runtime.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const snapshot = process.argv.includes("--snapshot");
const [runtimeArg, casesArg] = process.argv.slice(2).filter((arg) => arg !== "--snapshot");
const runtime = path.resolve(runtimeArg ?? path.join(root, "build", "runtime")) + path.sep;
const casesDir = path.resolve(casesArg ?? path.join(root, "tests", "cases"));
const log = (line) => process.stderr.write(`${line}\n`);
const manifest = JSON.parse(readFileSync(path.join(runtime, "manifest.json"), "utf8"));
const core = path.join(runtime, manifest.core);

// The Python side, shared with tests/test_parity.py.
const RUNNER = readFileSync(path.join(root, "tests", "parity_case.py"), "utf8");

function verifiedWheels() {
  return manifest.wheels.map(({ file, path: wheel, bytes, sha256 }) => {
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
const options = { indexURL: core, env: PYTHON_ENV, stdout: log, stderr: log };
let pyodide = await loadPyodide({ ...options, _makeSnapshot: snapshot });
const booted = performance.now();
const files = installWheels(pyodide, verifiedWheels());
if (snapshot) {
  pyodide.pyimport("calculators.web").self_test();
  ({ pyodide } = await bootFromSnapshot(captureSnapshot(pyodide, files).pack(), { loadPyodide, ...options }));
}
const installed = performance.now();
pyodide.runPython(RUNNER);
const output = pyodide.globals.get("run_cases")(JSON.stringify(readCases()));
const selfTest = createHash("sha256").update(pyodide.pyimport("calculators.web").self_test()).digest("hex");
const finished = performance.now();
process.stdout.write(`{"cases": ${output}, "selfTest": "${selfTest}"}\n`);
const ms = (a, b) => `${Math.round(b - a)} ms`;
log(`pyodide ${pyodide.version}: boot ${ms(started, booted)}, install wheels${snapshot ? ", snapshot and restore" : ""} ` +
    `${ms(booted, installed)}, ` +
    `run cases ${ms(installed, finished)}, total ${ms(started, finished)}`);
