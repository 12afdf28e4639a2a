// Registers the service worker that keeps the calculators working offline after the first visit.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  const script = new URL("../../service-worker.js", import.meta.url);
  navigator.serviceWorker.register(script, { scope: new URL("../../", import.meta.url).pathname }).catch(() => {});
}
