// Runs the calculators' Python in Pyodide, off the page's thread: one Python for every calculator that talks to
// it. Pages start it as a SharedWorker where the browser has one, so every calculator of a page, every frame of
// this site on a course page and every tab share it (calculators.js); else as a dedicated worker, one per page.
// Each question carries its own inputs and gets its own answer, on the port it came from; `run_json` keeps no
// state between questions. What concerns every page (progress, ready, failed, the console's messages, which a
// SharedWorker's console does not show in the pages) goes to every page, and a page that comes later hears it too.
//
// Everything comes from this site's own
// /runtime/ folder, whose files are named by their content (scripts/build_runtime.py): the build writes the
// runtime's manifest (every file's path, size and sha256) into this script, which the page fetches fresh, so a
// new release is answered by its own runtime from the first visit.
//
// Python starts on the cut runtime: the standard library and wheels cut to what the calculators import
// (scripts/build_runtime.py). Should it lack a module after all, at the start or for one question, the worker says
// so in the console and starts Python again on the full runtime, which answers instead (python-runtime.js,
// `Calculators`); an answer from a Python that missed a module is never given.
//
// The first visit boots Python, installs the wheels and imports the calculators (several seconds), then
// keeps a memory snapshot of that Python in this browser's Cache Storage (python-runtime.js explains it).
// Later visits restore the snapshot instead, in a fraction of the time. The snapshot is made before any
// input reaches Python. It is used only if its sha256 (kept apart from it) matches, it was made by this very
// runtime, and the restored Python answers the self-test questions exactly as CPython did when the release
// was built; otherwise it is deleted and Python boots as on a first visit.
//
// Every file is checked: a missing file or a damaged one (wrong sha256) stops the start at once with a message
// naming it, and this runtime's copies are removed from the offline cache, so a reload downloads them afresh. A
// file that does not arrive in time (below, `deadline`) stops it the same way.
//
// Where this browser refuses the worker Cache Storage (a frame on another site with third-party storage blocked,
// some private windows), Python boots on every visit and no snapshot is made; the page is told (`kept: false`).
const RUNTIME = __RUNTIME__; // { id, manifest }: written in by scripts/finish_site.py
const runtime = new URL("../../runtime/", import.meta.url);
const core = new URL(RUNTIME.manifest.core, runtime);
const SNAPSHOTS = "vot-python-snapshot";
const SNAPSHOT = new URL("python-snapshot.bin", runtime).href;
const SNAPSHOT_DIGEST = new URL("python-snapshot.sha256", runtime).href;
let ready = false;
const queue = []; // [page, question] each, until Python is ready
const WORKER_ID = Math.random().toString(36).slice(2); // which Python answers a page (pages that share one get the same)

// The pages: MessagePorts of a SharedWorker, or this dedicated worker's own scope (its page).
const pages = new Set();
const said = {}; // the last progress, ready and failed messages, for a page that comes later

const unheard = []; // console messages from before the first page connected (a SharedWorker starts before it)

function tellEveryPage(message) {
  if (message.type !== "log") said[message.type] = message;
  else if (!pages.size) unheard.push(message);
  pages.forEach((page) => page.postMessage(message));
}

function progress(stage, step, steps) {
  tellEveryPage({ type: "progress", stage, step, steps });
}

// The console of every page (a SharedWorker's own console is not theirs), errors this script lets slip included.
const log = (level, message) => tellEveryPage({ type: "log", level, message });
addEventListener("error", (event) => log("error", `The calculators' worker: ${event.message}`));
addEventListener("unhandledrejection", (event) => log("error", `The calculators' worker: ${event.reason?.message || event.reason}`));

async function sha256(data) {
  const digest = await crypto.subtle.digest("SHA-256", data);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// A runtime file that is missing, damaged or late: the message names it, for the page's status line.
class RuntimeFileError extends Error {
  constructor(file, problem) {
    super(`${file} ${problem}. Reload the page to try again; if this persists, the site needs repairing.`);
    this.file = file;
    this.damaged = problem.includes("damaged");
  }
}

const fileName = (url) => new URL(url).pathname.split("/").pop();
const refused = (url, status) => new RuntimeFileError(fileName(url), status === 404 || status === 410
  ? `is missing from the site (HTTP ${status})` : `could not be downloaded (HTTP ${status})`);
const networkFetch = self.fetch.bind(self); // before Pyodide's fetches are routed through `download`, below

// Deadlines: no runtime file waits for ever. A file is given up when nothing of any runtime file has arrived for
// STALL_MS (files share the connection, and a browser queues requests beyond its few connections per host, so a
// file still waiting while others arrive is not stalled), or when its body has not arrived FLOOR_MS plus its size
// at SLOWEST_BYTES_PER_S after its headers did (a trickle). A module imported (import() cannot be watched byte by
// byte) is given its size at SLOW_BYTES_PER_S, at least STALL_MS, and then up to STALL_MS with nothing arriving.
const STALL_MS = 15_000;
const FLOOR_MS = 20_000; // a slow phone's worst first seconds
const SLOWEST_BYTES_PER_S = 5_000; // a file's share of a slow phone's connection (40 kbit/s)
const SLOW_BYTES_PER_S = 50_000; // a slow phone's whole connection (400 kbit/s)
let lastArrival = performance.now(); // when the last byte of any runtime file arrived, or a download started
const arrived = () => { lastArrival = performance.now(); };

// Calls `late(problem)` once the deadline of a file of `bytes` bytes has passed (above); `started()` starts the
// body's deadline. Returns `{ started, stop }`. A tick that comes late (this worker's thread was busy, with
// Python, say) counts as an arrival: the thread's delay is not the network's.
function deadline(bytes, late, { watched = true } = {}) {
  const begun = performance.now();
  let bodyBy = Infinity, tick = begun;
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - tick > 2_000) arrived();
    tick = now;
    const quiet = now - lastArrival > STALL_MS;
    if (watched && quiet) late(`did not arrive: nothing came for ${STALL_MS / 1000} s`);
    else if (watched && now > bodyBy) late(`did not arrive in time (${Math.round((now - begun) / 1000)} s)`);
    else if (!watched && quiet && now - begun > Math.max(STALL_MS, (bytes / SLOW_BYTES_PER_S) * 1000)) {
      late(`did not arrive in ${Math.round((now - begun) / 1000)} s`);
    }
  }, 1_000);
  return {
    started: () => { bodyBy = performance.now() + FLOOR_MS + (bytes / SLOWEST_BYTES_PER_S) * 1000; },
    stop: () => clearInterval(timer),
  };
}

// Downloads a runtime file of `bytes` bytes (from the manifest), refusing an error status and giving up at its
// deadline. Returns `data`, a promise of the whole body, and with `shared` the response too, for Pyodide to read
// (its body is then read twice: a copy for `data`).
function download(url, bytes, { shared = false } = {}) {
  const controller = new AbortController();
  let lateError = null;
  const clock = deadline(bytes, (problem) => {
    lateError = new RuntimeFileError(fileName(url), problem);
    controller.abort(lateError);
  });
  arrived();
  const failure = (error) => lateError || (error instanceof RuntimeFileError ? error
    : new RuntimeFileError(fileName(url), "could not be downloaded (is the network down?)"));
  const response = networkFetch(url, { signal: controller.signal }).then((ok) => {
    if (!ok.ok) throw refused(url, ok.status);
    arrived();
    clock.started();
    return ok;
  });
  const data = response.then(async (ok) => {
    const reader = (shared ? ok.clone() : ok).body.getReader();
    const chunks = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      arrived();
      chunks.push(read.value);
    }
    return new Blob(chunks).arrayBuffer();
  }).catch((error) => { throw failure(error); }).finally(clock.stop);
  const handed = response.catch((error) => { clock.stop(); throw failure(error); });
  handed.catch(() => {}); // Pyodide's to handle; `data` says why
  return { response: handed, data };
}

async function check(data, file) {
  if (data.byteLength !== file.bytes || (await sha256(data)) !== file.sha256) {
    throw new RuntimeFileError(fileName(new URL(file.path, runtime)), "is damaged: it does not match this release");
  }
  return data;
}

// Pyodide fetches its wasm and standard library itself, ignores an error status, and waits for ever
// when its wasm cannot be compiled. Its fetches of the manifest's files go through `download` instead, each
// response is checked against its sha256 as Pyodide reads it, and any failure rejects `failed`, which the
// start races against. A start that fails for another reason (a damaged standard library stops Python) waits
// a little for the checks still running, so that the message names the damaged file.
let fail;
const failed = new Promise((_, reject) => { fail = reject; });
failed.catch(() => {});
const checks = [];
const fileErrors = [];
const checked = (promise) => {
  checks.push(promise);
  promise.catch((error) => {
    if (error instanceof RuntimeFileError) fileErrors.push(error);
    fail(error);
  });
  return promise;
};
// The files Pyodide fetches itself (its core files and either standard library), by address.
const { manifest } = RUNTIME;
const coreFiles = new Map([...manifest.files, manifest.stdlib, manifest.fallback.stdlib]
  .map((file) => [new URL(file.path, runtime).href, file]));
const stdLibURL = (cut) => new URL((cut ? manifest.stdlib : manifest.fallback.stdlib).path, runtime).href;
const uncut = new Map(manifest.fallback.wheels.map((wheel) => [wheel.file, wheel]));
const wheelsFor = (cut) => manifest.wheels.map((wheel) => (cut ? wheel : uncut.get(wheel.file) ?? wheel));
self.fetch = (resource, options) => {
  const url = new URL(resource instanceof Request ? resource.url : resource, self.location.href).href;
  const file = coreFiles.get(url);
  if (!file) return networkFetch(resource, options);
  const { response, data } = download(url, file.bytes, { shared: true });
  checked(data.then((bytes) => check(bytes, file)));
  return response;
};

// Imports a module (a runtime file of `bytes` bytes, or our own script), giving up at its deadline; if it fails,
// asks the server why (an import error does not say).
async function load(url, bytes = 0) {
  let clock;
  const late = new Promise((_, reject) => {
    clock = deadline(bytes, (problem) => reject(new RuntimeFileError(fileName(url), problem)), { watched: false });
  });
  try {
    return await Promise.race([import(url), late]);
  } catch (error) {
    if (error instanceof RuntimeFileError) throw error;
    const status = await networkFetch(url, { method: "HEAD" }).then((response) => response.status, () => 0);
    if (status >= 400) throw refused(url, status);
    throw new RuntimeFileError(fileName(url), `could not be loaded (${error.message})`);
  } finally {
    clock.stop();
  }
}
const coreFile = (name) => manifest.files.find((file) => file.path.endsWith(`/${name}`));
const loadCore = (name) => load(new URL(name, core).href, coreFile(name).bytes);
const helpers = load(new URL("./python-runtime.js", import.meta.url).href); // fetched alongside Pyodide's first file
helpers.catch(() => {});

// Every wheel, downloaded, checked against the manifest's sha256, and unpacked (fflate, from the runtime
// folder): [[path in the wheel, bytes], ...] each.
async function fetchWheels(cut) {
  const fflate = checked(loadCore("fflate.js")); // said at once, not once the wheels are in
  return Promise.all(wheelsFor(cut).map(async (wheel) => {
    const data = await checked(download(new URL(wheel.path, runtime).href, wheel.bytes).data
      .then((buffer) => check(buffer, wheel)));
    return Object.entries((await fflate).unzipSync(new Uint8Array(data)));
  }));
}

// Whether this browser lets the worker keep files (Cache Storage): refused in a frame on another site with
// third-party storage blocked, and in some private windows.
const storage = (async () => {
  try {
    await caches.keys();
    return true;
  } catch {
    return false;
  }
})();

// The saved snapshot, `{ bytes, cut }`: a promise of its bytes, still being read (in parallel with booting) and
// checked against the digest saved beside it, and whether it was made on the cut runtime; or null.
async function savedSnapshot() {
  if (!(await storage)) return null;
  const cache = await caches.open(SNAPSHOTS);
  const [response, digest] = await Promise.all([cache.match(SNAPSHOT), cache.match(SNAPSHOT_DIGEST)]);
  if (!response || !digest || response.headers.get("X-Runtime") !== RUNTIME.id) return null;
  const cut = response.headers.get("X-Runtime-Cut") !== "no";
  const bytes = Promise.all([response.arrayBuffer(), digest.text()]).then(async ([buffer, expected]) => {
    if ((await sha256(buffer)) !== expected.trim()) throw new Error("the snapshot is damaged (its sha256 does not match)");
    return new Uint8Array(buffer);
  });
  bytes.catch(() => {});
  return { bytes, cut };
}

async function saveSnapshot(snapshot, cut) {
  const cache = await caches.open(SNAPSHOTS);
  const headers = { "Content-Type": "application/octet-stream", "X-Runtime": RUNTIME.id, "X-Runtime-Cut": cut ? "yes" : "no" };
  await cache.put(SNAPSHOT, new Response(snapshot, { headers }));
  await cache.put(SNAPSHOT_DIGEST, new Response(await sha256(snapshot), { headers: { "X-Runtime": RUNTIME.id } }));
}

async function forgetSnapshot() {
  if (!(await storage)) return;
  await caches.open(SNAPSHOTS).then((cache) => Promise.all([cache.delete(SNAPSHOT), cache.delete(SNAPSHOT_DIGEST)]))
    .catch(() => {});
}

// This runtime's files in the offline cache (the service worker's), removed after a failed start so that a
// reload downloads them again; a damaged file is also fetched again past the HTTP cache.
async function evictRuntime(error) {
  if (error instanceof RuntimeFileError && error.damaged) { // fetched again past the HTTP cache, first
    const file = [...coreFiles.keys(), ...[...manifest.wheels, ...manifest.fallback.wheels].map((w) => new URL(w.path, runtime).href)]
      .find((url) => fileName(url) === error.file);
    if (file) await networkFetch(file, { cache: "reload" }).catch(() => {});
  }
  await forgetSnapshot();
  if (!(await storage)) return;
  for (const name of (await caches.keys()).filter((key) => key.startsWith("vot-") && key !== SNAPSHOTS)) {
    const cache = await caches.open(name);
    const keys = (await cache.keys()).filter((request) => request.url.startsWith(runtime.href));
    await Promise.all(keys.map((request) => cache.delete(request)));
  }
}

async function selfTestPasses(pyodide) {
  const answers = pyodide.pyimport("calculators.web").self_test();
  return (await sha256(new TextEncoder().encode(answers))) === manifest.selfTest;
}

// Refuses a snapshot whose collection files differ from those of the wheel it was made from (the manifest's
// `dataset`): the self-test reads only some collections, and the others are read from these files on first use.
async function checkDataset(files, cut) {
  const expected = new Map(wheelsFor(cut).flatMap((wheel) => Object.entries(wheel.dataset || {})));
  const held = files.filter(([path]) => /\/calculators\/_dataset\/[^/]+\.json$/.test(path));
  const differ = [];
  for (const [path, data] of held) {
    const name = path.slice(path.lastIndexOf("calculators/_dataset/"));
    if (expected.get(name) !== (await sha256(data))) differ.push(name.split("/").pop());
    expected.delete(name);
  }
  differ.push(...[...expected.keys()].map((name) => name.split("/").pop()));
  if (differ.length) throw new Error(`its collection files differ from this release's: ${differ.join(", ")}`);
}

async function restore(saved, loadPyodide, createModule) {
  try {
    const { bootFromSnapshot, PYTHON_ENV } = await helpers;
    const { pyodide } = await bootFromSnapshot(saved.bytes, { loadPyodide, indexURL: core.href, stdLibURL: stdLibURL(saved.cut),
      lockFileContents: manifest.lock, env: PYTHON_ENV, createModule, checkFiles: (files) => checkDataset(files, saved.cut) });
    if (!(await selfTestPasses(pyodide))) throw new Error("the restored calculators do not answer as this release does");
    return pyodide;
  } catch (error) {
    if (error instanceof RuntimeFileError) throw error;
    log("warn", `The saved calculator snapshot was not used, so Python boots afresh: ${error.message}`);
    await forgetSnapshot();
    return null;
  }
}

async function boot(loadPyodide, createModule, snapshotting, cut) {
  const wheels = fetchWheels(cut); // downloaded, checked and unpacked while Pyodide boots
  wheels.catch(fail);
  const { captureSnapshot, guardCutRuntime, installWheels, PYTHON_ENV } = await helpers;
  const pyodide = await loadPyodide({ indexURL: core.href, stdLibURL: stdLibURL(cut), lockFileContents: manifest.lock,
    env: PYTHON_ENV, _makeSnapshot: snapshotting, createPyodideModule: await createModule });
  if (cut) guardCutRuntime(pyodide);
  progress("Installing the calculators", 2, 3);
  const files = installWheels(pyodide, await wheels);
  // The self-test questions build what the first use of each calculator builds, so the snapshot has it too.
  pyodide.pyimport("calculators.web").self_test();
  return { pyodide, snapshot: snapshotting ? captureSnapshot(pyodide, files) : null };
}

let calculators = null;
const webs = new WeakMap(); // each Python's calculators.web

// Starts Python, on the cut runtime or the full one: from the saved snapshot if it was made on that runtime
// (once: a start after a fallback boots), else booted afresh; every file it started from checked.
function starter(loadPyodide, createModule, saved) {
  return async (cut) => {
    const snapshot = saved && saved.cut === cut ? saved : null;
    saved = null;
    let pyodide = snapshot ? await restore(snapshot, loadPyodide, createModule) : await forgetSnapshot().then(() => null);
    const from = pyodide ? "snapshot" : "boot";
    let made = null;
    if (!pyodide) ({ pyodide, snapshot: made } = await boot(loadPyodide, createModule, await storage, cut));
    await Promise.all(checks); // every file Python started from matched its sha256
    return { pyodide, from, snapshot: made };
  };
}

// A new snapshot is saved once the questions waiting for Python have their answers.
function keepSnapshot(python, cut) {
  const { snapshot } = python;
  python.snapshot = null;
  if (snapshot) {
    setTimeout(() => saveSnapshot(snapshot.pack(), cut)
      .catch((error) => log("warn", `The calculator snapshot was not saved: ${error.message}`)), 0);
  }
}

async function start() {
  progress("Loading the Python runtime", 1, 3);
  const script = loadCore("pyodide.mjs");
  const createModule = loadCore("pyodide.asm.mjs").then((module) => module.default);
  createModule.catch(fail);
  const saved = await savedSnapshot().catch(() => null);
  const { loadPyodide } = await script;
  calculators = new (await helpers).Calculators({
    start: starter(loadPyodide, createModule, saved), started: keepSnapshot, cut: saved?.cut ?? true,
    warn: (message) => log("error", message), isFileError: (error) => error instanceof RuntimeFileError,
  });
  const { from } = await calculators.python;
  progress("Starting", 3, 3);
  tellEveryPage({ type: "ready", from, worker: WORKER_ID, kept: await storage });
  ready = true;
  queue.splice(0).forEach(([page, question]) => answer(page, question));
  if (from === "snapshot") warmUp();
}

// A Python restored from a snapshot runs the browser's first, unoptimized compilation of its code: the browser
// optimizes what runs often, so the reader's next answers were slower (measured: recalculation median 26 ms against
// 19 ms on a booted Python, until about 60 answers in). While the reader reads the first answer, the self-test
// questions are asked again WARM_UP_ROUNDS times and their answers dropped: one question per task, so a reader's
// question waits for one at most.
const WARM_UP_ROUNDS = 3;
async function warmUp() {
  const questions = webOf((await calculators.python).pyodide).SELF_TEST.toJs().map((question) => JSON.stringify(question));
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    for (const question of questions) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await calculators.ask((pyodide) => webOf(pyodide).run_json(question)).catch(() => {});
    }
  }
}

// A Python's calculators.web, looked up once (a fallback to the full runtime brings another Python).
function webOf(pyodide) {
  if (!webs.has(pyodide)) webs.set(pyodide, pyodide.pyimport("calculators.web"));
  return webs.get(pyodide);
}

// One question, from one page. `run_json` never raises; should Python itself fail, the page still gets an answer
// it can show.
async function answer(page, { id, argv }) {
  let response;
  try {
    response = JSON.parse(await calculators.ask((pyodide) => webOf(pyodide).run_json(JSON.stringify(argv))));
  } catch (error) {
    response = { ok: false, error: { field: null, message: `The calculator failed on this question: ${String(error.message || error).split("\n")[0].slice(0, 200)}` } };
  }
  page.postMessage({ type: "result", id, response });
}

// After a failed start the worker stops only once every page has said it heard why (a message posted as a worker
// closes, or to a page that connects as it closes, may never arrive); a page that comes after that starts a new one.
let stopping = false;
const heard = new Set();
function stopOnceHeard() {
  if (stopping && pages.size > 0 && [...pages].every((page) => heard.has(page))) close();
}

// A page that comes later hears where the start is: its progress, that Python is ready, or why it failed.
function welcome(page) {
  pages.add(page);
  page.onmessage = ({ data }) => {
    if (data.type === "failure-heard") {
      heard.add(page);
      stopOnceHeard();
    } else if (ready) {
      answer(page, data);
    } else {
      queue.push([page, data]);
    }
  };
  page.addEventListener?.("close", () => { // where MessagePorts say so
    pages.delete(page);
    stopOnceHeard();
  });
  ["progress", "ready", "failed"].filter((type) => said[type]).forEach((type) => page.postMessage(said[type]));
  unheard.splice(0).forEach((message) => page.postMessage(message));
}

if (typeof SharedWorkerGlobalScope === "function" && self instanceof SharedWorkerGlobalScope) {
  onconnect = (event) => welcome(event.ports[0]);
} else {
  welcome(self);
}

// A failed start is said at once (for another failure than a file's, once the checks still running have had a
// moment to name a damaged file); then this runtime's cached copies are removed and, once every page has heard
// why, the worker stops, so that a Python still starting in it takes no more of the reader's computer.
Promise.race([start(), failed]).catch(async (error) => {
  if (!(error instanceof RuntimeFileError)) {
    await Promise.race([Promise.allSettled(checks), new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
  const reason = error instanceof RuntimeFileError ? error : fileErrors[0] || error;
  tellEveryPage({ type: "failed", message: String(reason.message || reason) });
  await evictRuntime(reason).catch(() => {});
  stopping = true;
  stopOnceHeard();
});
