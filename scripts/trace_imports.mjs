// Which modules the calculators import in Pyodide, found by running them as the site's worker does: boot Python
// (the full standard library), install the wheels, answer the self-test questions, snapshot and restore, then
// answer every golden case through the page's entry point (`calculators.web.run_json`, each case on its own
// "today" as the parity test runs it). scripts/build_runtime.py cuts the standard library (and the wheels) to
// what this finds, plus a written safety list.
//
//   node scripts/trace_imports.mjs PYODIDE_DIR CASES_DIR WHEEL...
//
// Prints one JSON object: {"modules": {name: origin}, "started": [names imported by the end of the start]}, where
// origin is a module's file (its path inside the standard library's zip, /lib/python3XX.zip/..., or under
// site-packages), "built-in" or "frozen".
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { unzipSync } from "fflate";
import { PYTHON_ENV, bootFromSnapshot, captureSnapshot, installWheels } from "../docs/assets/javascripts/python-runtime.js";

const [pyodideDir, casesDir, ...wheels] = process.argv.slice(2);
if (!pyodideDir || !casesDir || !wheels.length) {
  process.stderr.write("usage: node scripts/trace_imports.mjs PYODIDE_DIR CASES_DIR WHEEL...\n");
  process.exit(2);
}

const MODULES = `
import json, sys
json.dumps({name: getattr(getattr(module, "__spec__", None), "origin", None) or "built-in"
            for name, module in list(sys.modules.items())})
`;
const ANSWER_CASES = `
import datetime as dt, json
from calculators import penalties, web

def answer_cases(cases_json):
    real_today = penalties.today_in_melbourne
    try:
        for case in json.loads(cases_json):
            today = dt.date.fromisoformat(case.get("today", "2026-11-23"))
            penalties.today_in_melbourne = lambda: today
            web.run_json(json.dumps(case["args"]))
    finally:
        penalties.today_in_melbourne = real_today
`;

const indexURL = path.resolve(pyodideDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const options = { indexURL, env: PYTHON_ENV, stdout: (line) => process.stderr.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`) };
const booted = await loadPyodide({ ...options, _makeSnapshot: true });
const files = installWheels(booted, wheels.map((wheel) => Object.entries(unzipSync(new Uint8Array(readFileSync(wheel))))));
booted.pyimport("calculators.web").self_test();
const modules = JSON.parse(booted.runPython(MODULES));
const snapshot = captureSnapshot(booted, files).pack();
const { pyodide } = await bootFromSnapshot(snapshot, { loadPyodide, ...options });
pyodide.pyimport("calculators.web").self_test();
const started = Object.keys({ ...modules, ...JSON.parse(pyodide.runPython(MODULES)) });
const cases = readdirSync(casesDir).filter((name) => name.endsWith(".json")).sort()
  .map((name) => JSON.parse(readFileSync(path.join(casesDir, name), "utf8")));
pyodide.runPython(ANSWER_CASES);
pyodide.globals.get("answer_cases")(JSON.stringify(cases));
Object.assign(modules, JSON.parse(pyodide.runPython(MODULES)));
process.stdout.write(`${JSON.stringify({ modules, started: started.sort() })}\n`);
