// Offline support. The build writes the release into CACHE_VERSION, so a new release replaces the old
// cache cleanly. The runtime, wheels and site assets are cached on install; pages and dataset files are
// cached as they are visited (network first, so readers see updates when online).
const CACHE_VERSION = "__CACHE_VERSION__";
const CACHE = `vot-${CACHE_VERSION}`;
const ROOT = new URL("./", self.location).pathname;
const PRECACHE = __PRECACHE__;

// The pages open now (the first visit, which registered this worker) were loaded before it existed, so
// they are cached here too: otherwise the page a reader opened once would not open offline.
async function cacheOpenPages(cache) {
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  await Promise.all(pages.filter((page) => new URL(page.url).origin === self.location.origin)
    .map((page) => cache.add(page.url).catch(() => {})));
}

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(PRECACHE.map((path) => ROOT + path)).then(() => cacheOpenPages(cache)))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith("vot-") && key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
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
