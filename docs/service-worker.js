// Offline support, and a new release in charge from the first visit after it. The build (scripts/finish_site.py)
// writes in the release's cache version and the site's files:
//   - RUNTIME: the Python runtime's files, named by their content (runtime/pyodide-<hash>/, runtime/stdlib/
//     <hash>/, runtime/wheels/<hash>/): served from the cache first, since a copy can never be out of date, and
//     kept across releases while the release still uses them; those a start fetches (RUNTIME_AHEAD) are cached
//     ahead, the full runtime kept for the fallback only once fetched;
//   - ADDRESSED: the scripts and styles whose names carry a digest of their content (bundle.<digest>.min.js, ours
//     too): served from the cache first, for the same reason (a new release's pages name new files);
//   - PAGES and SITE: every page and every other file of the site: fetched from the network first, past the
//     browser's HTTP cache (revalidated), so a new release's pages and scripts are used at once; the cached copy
//     serves only when the network fails.
// The files served from the cache first are checked before use against the sha256 the build wrote in (DIGESTS): a
// damaged copy is removed and fetched again, so a damaged cache heals as it is used; a copy is stored only if it
// matches. Nothing else is stored. A page is stored under its address without the query string: the query holds what
// the reader typed (a calculator's inputs), and it is never kept here. A new worker takes over at once and
// removes the previous release's caches, and the Python snapshot of any other runtime.
const CACHE_VERSION = "__CACHE_VERSION__";
const SITE_CACHE = `vot-site-${CACHE_VERSION}`;
const RUNTIME_CACHE = "vot-runtime"; // content-addressed: entries stay valid across releases
const SNAPSHOTS = "vot-python-snapshot"; // the calculators' Python snapshot: pyodide-worker.js manages it
const RUNTIME_ID = "__RUNTIME_ID__";
const ROOT = new URL("./", self.location).pathname;
const RUNTIME = new Set(__RUNTIME__.map((path) => ROOT + path));
const RUNTIME_AHEAD = __RUNTIME_AHEAD__; // of RUNTIME: what a page's "fill" message caches ahead of use
const PAGES = new Set(__PAGES__.map((path) => ROOT + path));
const SITE = new Set(__SITE__.map((path) => ROOT + path));
const ADDRESSED = new Set(__ADDRESSED__.map((path) => ROOT + path)); // of SITE
const PRECACHE = __PRECACHE__; // of SITE: what a page's "fill" message caches ahead of use
const DIGESTS = __DIGESTS__; // the sha256 of each file of RUNTIME and ADDRESSED, by path from the root

const cacheFor = (path) => (RUNTIME.has(path) ? RUNTIME_CACHE : PAGES.has(path) || SITE.has(path) ? SITE_CACHE : null);

// The key a response is stored under: the address without query or fragment, for the site's own files only.
function storedAs(url) {
  const { origin, pathname } = new URL(url);
  return origin === self.location.origin && cacheFor(pathname) ? origin + pathname : null;
}

// A stored copy keeps only the status, headers and body: not the address it was fetched from (which may have
// had a query string).
function store(key, response) {
  if (!key || !response.ok || response.redirected || response.type === "opaqueredirect") return Promise.resolve();
  return keep(key, response.clone());
}

// A worker that a newer release has replaced stores nothing more: a fetch it was still answering as the new
// worker took over would otherwise put back a cache the new one had just removed.
const replaced = () => self.serviceWorker?.state === "redundant";

async function keep(key, response) {
  const body = await response.arrayBuffer();
  if (!(await matches(key, body))) return;
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  const cache = await caches.open(cacheFor(new URL(key).pathname));
  if (!replaced()) await cache.put(key, copy);
}

async function sha256(data) {
  const digest = await crypto.subtle.digest("SHA-256", data);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Whether `body` is the file stored under `key` as the build made it (true for a file without a digest).
async function matches(key, body) {
  const expected = DIGESTS[new URL(key).pathname.slice(ROOT.length)];
  return !expected || (await sha256(body)) === expected;
}

// The addresses stored in this release's caches, read from each cache's list of keys at once.
async function storedKeys() {
  const stored = new Set();
  for (const name of [SITE_CACHE, RUNTIME_CACHE]) {
    (await (await caches.open(name)).keys()).forEach((request) => stored.add(request.url));
  }
  return stored;
}

// Cache what is not cached yet (not in `stored`, from storedKeys); a failure (offline, say) is left for the next
// visit. Each file is fetched once however many pages ask at the same time (five calculators embedded in a
// course page all ask). Every visit to a calculator asks, so what is cached already is known from the caches'
// lists, read once per fill, not looked up file by file: once everything is cached a fill costs next to nothing.
const filling = new Map();
async function fill(paths, stored) {
  await Promise.all(paths.map((path) => {
    const key = self.location.origin + ROOT + path;
    if (stored.has(key)) return null;
    if (!filling.has(key)) {
      const fresh = RUNTIME.has(ROOT + path) ? "default" : "no-cache";
      filling.set(key, fetch(key, { cache: fresh }).then((response) => store(key, response)).catch(() => {})
        .finally(() => filling.delete(key)));
    }
    return filling.get(key);
  }));
}

// The pages open now (the first visit, which registered this worker) were loaded before it existed, so they
// are cached here too: otherwise the page a reader opened once would not open offline.
async function cacheOpenPages() {
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  await Promise.all(pages.map((page) => storedAs(page.url)).filter(Boolean)
    .map((key) => fetch(key, { cache: "no-cache" }).then((response) => store(key, response)).catch(() => {})));
}

self.addEventListener("install", () => self.skipWaiting());

async function removeOldCaches() {
  const keys = await caches.keys();
  const current = [SITE_CACHE, RUNTIME_CACHE, SNAPSHOTS];
  await Promise.all(keys.filter((key) => key.startsWith("vot-") && !current.includes(key)).map((key) => caches.delete(key)));
  const runtime = await caches.open(RUNTIME_CACHE);
  for (const request of await runtime.keys()) {
    if (!RUNTIME.has(new URL(request.url).pathname)) await runtime.delete(request);
  }
  const snapshots = await caches.open(SNAPSHOTS);
  for (const request of await snapshots.keys()) {
    const saved = await snapshots.match(request);
    if (saved?.headers.get("X-Runtime") !== RUNTIME_ID) await snapshots.delete(request);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(removeOldCaches().then(() => self.clients.claim()));
});

// A page asks once its calculator has started. The previous release's caches are removed again, before and after:
// its worker may have stored a file after this one took over (one that predates the check in `keep`, or just as
// it did), and it may still be storing one. A worker that a new release's is waiting to replace fills nothing
// more: the browser lets the new one take over only once this one is idle, and the new one fills the cache.
self.addEventListener("message", (event) => {
  if (self.registration.installing || self.registration.waiting) return;
  if (event.origin === self.location.origin && event.data === "fill") {
    event.waitUntil(removeOldCaches().then(storedKeys)
      .then((stored) => Promise.all([fill(PRECACHE, stored), fill(RUNTIME_AHEAD, stored), cacheOpenPages()]))
      .then(removeOldCaches));
  }
});

// What this worker has stored from the network first, by key: the response's validator (ETag or Last-Modified).
// A response that revalidated to the same one is not written again: the page's icon, for one, is fetched again
// after every answer (the browser does so when the address changes).
const revalidated = new Map();
function storeIfChanged(key, response) {
  const version = response.headers.get("ETag") || response.headers.get("Last-Modified");
  if (version && revalidated.get(key) === version) return Promise.resolve();
  return store(key, response).then(() => { if (version && key) revalidated.set(key, version); });
}

// The response goes to the page at once; storing a copy of it finishes in the background (`later`).
async function networkFirst(request, key, later) {
  try {
    const response = await fetch(request, { cache: "no-cache" });
    later(storeIfChanged(key, response));
    return response;
  } catch (error) {
    const cached = key && (await caches.match(key));
    if (cached) return cached;
    throw error;
  }
}

// A cached copy is used only if it matches its digest; a damaged one is removed and the file fetched again, past
// the browser's HTTP cache.
async function cacheFirst(request, key, later) {
  const cached = await caches.match(key);
  if (cached && (await matches(key, await cached.clone().arrayBuffer()))) return cached;
  if (cached) await (await caches.open(cacheFor(new URL(key).pathname))).delete(key);
  const response = await fetch(request, cached ? { cache: "reload" } : {});
  later(store(key, response));
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  const key = storedAs(url);
  const later = (promise) => event.waitUntil(promise.catch(() => {}));
  if (key && (RUNTIME.has(url.pathname) || ADDRESSED.has(url.pathname))) event.respondWith(cacheFirst(event.request, key, later));
  else if (key || event.request.mode === "navigate") event.respondWith(networkFirst(event.request, key, later));
});
