// Offline support. The build writes the release into CACHE_VERSION, so a new release replaces the old
// cache cleanly. Installing is quick (nothing is downloaded first). Pages are cached as they are visited
// (network first, so readers see updates when online); anything of the runtime or the assets fetched through
// this worker is cached as it loads. The rest (site assets, search index, dataset, runtime) is cached when a
// page asks ("fill"), which offline.js does once the page, or its calculator, has started: the files come
// from the browser's HTTP cache where it has them, and never compete with a reader's first result.
const CACHE_VERSION = "__CACHE_VERSION__";
const CACHE = `vot-${CACHE_VERSION}`;
const ROOT = new URL("./", self.location).pathname;
const PRECACHE = __PRECACHE__;
const RUNTIME = __RUNTIME__;
const SNAPSHOTS = "vot-python-snapshot"; // the calculators' Python snapshot: pyodide-worker.js manages it

// Cache what is not cached yet; a failure (offline, say) is left for the next visit.
async function fill(paths) {
  const cache = await caches.open(CACHE);
  await Promise.all(paths.map(async (path) => {
    if (!(await cache.match(ROOT + path))) await cache.add(ROOT + path).catch(() => {});
  }));
}

// The pages open now (the first visit, which registered this worker) were loaded before it existed, so
// they are cached here too: otherwise the page a reader opened once would not open offline.
async function cacheOpenPages() {
  const cache = await caches.open(CACHE);
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  await Promise.all(pages.filter((page) => new URL(page.url).origin === self.location.origin)
    .map((page) => cache.add(page.url).catch(() => {})));
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith("vot-") && key !== CACHE && key !== SNAPSHOTS).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  if (event.origin === self.location.origin && event.data === "fill") {
    event.waitUntil(Promise.all([fill(PRECACHE), fill(RUNTIME), cacheOpenPages()]));
  }
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  const immutable = url.pathname.startsWith(`${ROOT}runtime/`) || url.pathname.startsWith(`${ROOT}assets/`);
  event.respondWith(immutable ? cacheFirst(event.request) : networkFirst(event.request));
});
