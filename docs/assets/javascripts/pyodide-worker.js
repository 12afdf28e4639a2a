// Runs the calculators' Python in Pyodide, off the page's thread. Everything comes from this site's own
// /runtime/ folder: Pyodide's core files and the wheels listed (with sha256) in wheels/manifest.json.
//
// The first visit boots Python, installs the wheels and imports the calculators (several seconds), then
// keeps a memory snapshot of that Python in this browser's Cache Storage (python-runtime.js explains it).
// Later visits restore the snapshot instead, in a fraction of the time. The snapshot is made before any
// input reaches Python; it is used only by the runtime that made it, and only if the restored Python passes
// a self-test. Otherwise it is deleted and Python boots as on a first visit.
const runtime = new URL("../../runtime/", import.meta.url);
const helpers = import("./python-runtime.js"); // fetched alongside Pyodide's first file, not before it
const SNAPSHOTS = "vot-python-snapshot";
let web = null;
const queue = [];

function progress(stage, step, steps) {
  postMessage({ type: "progress", stage, step, steps });
}

async function sha256(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Every wheel, downloaded, checked against the manifest's sha256, and unpacked (fflate, from the runtime
// folder): [[path in the wheel, bytes], ...] each.
async function fetchWheels(manifest) {
  const fflate = import(new URL("fflate.js", runtime).href);
  return Promise.all(manifest.wheels.map(async (wheel) => {
    const buffer = await (await fetch(new URL(`wheels/${wheel.file}`, runtime))).arrayBuffer();
    if ((await sha256(buffer)) !== wheel.sha256) throw new Error(`${wheel.file} does not match its checksum`);
    return Object.entries((await fflate).unzipSync(new Uint8Array(buffer)));
  }));
}

// The snapshot is kept under one name, with the runtime it came from in a header: the sha256 of the wheel
// manifest, which names every wheel and Pyodide's version. A new release never restores an old snapshot.
const SNAPSHOT = new URL("python-snapshot.bin", runtime).href;

async function runtimeId(manifestText) {
  return sha256(new TextEncoder().encode(manifestText));
}

// The saved snapshot, its bytes still being read (in parallel with booting), or null.
async function savedSnapshot() {
  const response = self.caches ? await (await caches.open(SNAPSHOTS)).match(SNAPSHOT) : null;
  if (!response) return null;
  const bytes = response.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  bytes.catch(() => {});
  return { runtime: response.headers.get("X-Runtime"), bytes };
}

async function saveSnapshot(runtimeSha, snapshot) {
  const headers = { "Content-Type": "application/octet-stream", "X-Runtime": runtimeSha };
  await (await caches.open(SNAPSHOTS)).put(SNAPSHOT, new Response(snapshot, { headers }));
}

async function forgetSnapshot() {
  await caches.open(SNAPSHOTS).then((cache) => cache.delete(SNAPSHOT)).catch(() => {});
}

// A restored Python must give the answer the snapshot's Python gave to the same question, else it is not
// used: a damaged snapshot must never give a wrong answer.
const SELF_TEST = ["penalty", "--units", "1", "--on", "2024-07-01"];

async function restore(saved, runtimeSha, loadPyodide) {
  if (!saved) return null;
  if (saved.runtime !== runtimeSha) return forgetSnapshot().then(() => null);
  try {
    const { bootFromSnapshot } = await helpers;
    const { pyodide, notes } = await bootFromSnapshot(saved.bytes, { loadPyodide, indexURL: runtime.href });
    const answer = pyodide.pyimport("calculators.web").run_json(JSON.stringify(SELF_TEST));
    if (answer !== notes?.selfTest) throw new Error("the restored calculators do not answer as they did when saved");
    return pyodide;
  } catch (error) {
    console.warn(`The saved calculator snapshot could not be restored, so Python boots afresh: ${error.message}`);
    return forgetSnapshot().then(() => null);
  }
}

async function boot(manifest, loadPyodide, snapshotting) {
  const wheels = fetchWheels(manifest); // downloaded, checked and unpacked while Pyodide boots
  const pyodide = await loadPyodide({ indexURL: runtime.href, _makeSnapshot: snapshotting });
  progress("Installing the calculators", 2, 3);
  const { captureSnapshot, installWheels } = await helpers;
  const files = installWheels(pyodide, await wheels);
  // One fixed calculation builds what the first use of the calculators builds, so the snapshot has it too;
  // its answer is the snapshot's self-test.
  const selfTest = pyodide.pyimport("calculators.web").run_json(JSON.stringify(SELF_TEST));
  return { pyodide, snapshot: snapshotting ? captureSnapshot(pyodide, files, { selfTest }) : null };
}

async function start() {
  progress("Loading the Python runtime", 1, 3);
  const script = import(new URL("pyodide.mjs", runtime).href);
  const saved = savedSnapshot().catch(() => null);
  const manifestText = await (await fetch(new URL("wheels/manifest.json", runtime))).text();
  const runtimeSha = await runtimeId(manifestText);
  const { loadPyodide } = await script;
  let pyodide = await restore(await saved, runtimeSha, loadPyodide);
  const from = pyodide ? "snapshot" : "boot";
  let snapshot = null;
  if (!pyodide) ({ pyodide, snapshot } = await boot(JSON.parse(manifestText), loadPyodide, Boolean(self.caches)));
  progress("Starting", 3, 3);
  web = pyodide.pyimport("calculators.web");
  postMessage({ type: "ready", from });
  queue.splice(0).forEach(answer);
  if (snapshot) {
    await saveSnapshot(runtimeSha, snapshot.pack()).catch((error) => console.warn(`The calculator snapshot was not saved: ${error.message}`));
  }
}

function answer({ id, argv }) {
  postMessage({ type: "result", id, response: JSON.parse(web.run_json(JSON.stringify(argv))) });
}

onmessage = (event) => (web ? answer(event.data) : queue.push(event.data));
start().catch((error) => postMessage({ type: "failed", message: String(error && error.message || error) }));
