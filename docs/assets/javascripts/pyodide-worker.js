// Runs the calculators' Python in Pyodide, off the page's thread. Everything comes from this site's own
// /runtime/ folder: Pyodide's core files and the wheels listed (with sha256) in wheels/manifest.json.
const runtime = new URL("../../runtime/", import.meta.url);
let web = null;
const queue = [];

function progress(stage, step, steps) {
  postMessage({ type: "progress", stage, step, steps });
}

async function sha256(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function fetchWheels() {
  const manifest = await (await fetch(new URL("wheels/manifest.json", runtime))).json();
  return Promise.all(manifest.wheels.map(async (wheel) => {
    const buffer = await (await fetch(new URL(`wheels/${wheel.file}`, runtime))).arrayBuffer();
    if ((await sha256(buffer)) !== wheel.sha256) throw new Error(`${wheel.file} does not match its checksum`);
    return buffer;
  }));
}

async function start() {
  progress("Loading the Python runtime", 1, 3);
  const wheels = fetchWheels();  // downloaded and checked while Pyodide boots
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  const pyodide = await loadPyodide({ indexURL: runtime.href });
  progress("Installing the calculators", 2, 3);
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  for (const buffer of await wheels) pyodide.unpackArchive(buffer, "wheel", { extractDir: sitePackages });
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  progress("Starting", 3, 3);
  web = pyodide.pyimport("calculators.web");
  web.run_json(JSON.stringify(["penalty", "--units", "1", "--on", "2024-07-01"]));
  postMessage({ type: "ready" });
  queue.splice(0).forEach(answer);
}

function answer({ id, argv }) {
  postMessage({ type: "result", id, response: JSON.parse(web.run_json(JSON.stringify(argv))) });
}

onmessage = (event) => (web ? answer(event.data) : queue.push(event.data));
start().catch((error) => postMessage({ type: "failed", message: String(error && error.message || error) }));
