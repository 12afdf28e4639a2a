// Registers the service worker that keeps the calculators working offline after the first visit. A
// calculator page's runtime is cached as it loads (calculators.js waits for the service worker before
// starting Python); any other page asks the service worker to cache the runtime in the background.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  const script = new URL("../../service-worker.js", import.meta.url);
  navigator.serviceWorker.register(script, { scope: new URL("../../", import.meta.url).pathname })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      if (!document.querySelector(".vot-calculator")) registration.active?.postMessage("cache-runtime");
    })
    .catch(() => {});
}
