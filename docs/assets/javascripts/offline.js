// Registers the service worker that keeps the calculators working offline after the first visit.
// On a calculator page it waits until the calculator is ready, so the runtime the service worker caches
// comes from the browser's cache instead of being downloaded a second time alongside the calculator's own.
function register() {
  const script = new URL("../../service-worker.js", import.meta.url);
  navigator.serviceWorker.register(script, { scope: new URL("../../", import.meta.url).pathname }).catch(() => {});
}

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  if (document.querySelector(".vot-calculator")) document.addEventListener("vot:ready", register, { once: true });
  else window.addEventListener("load", register, { once: true });
}
