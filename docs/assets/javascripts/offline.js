// Registers the service worker that keeps the site, calculators included, working offline after the first
// visit, then asks it to fill its cache: at once on most pages; on a calculator page only once the calculator
// has started and shown the answers its address asked for, so that filling the cache never competes with the
// reader's first result.
const calculatorStarted = () => new Promise((resolve) => {
  if (!document.querySelector(".vot-calculator") || window.votCalculatorReady) resolve();
  else document.addEventListener("vot:calculator-ready", resolve, { once: true });
});

// The worker to ask: a new release's, once it is in charge (the browser lets it take over only when the previous
// release's worker has nothing left to do, so that one is not asked for more), else the one in charge.
function newest(registration) {
  const coming = registration.installing || registration.waiting;
  if (!coming) return Promise.resolve(registration.active);
  return new Promise((resolve) => coming.addEventListener("statechange", () => {
    if (coming.state === "activated" || coming.state === "redundant") resolve(registration.active);
  }));
}

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  const script = new URL("../../service-worker.js", import.meta.url);
  navigator.serviceWorker.register(script, { scope: new URL("../../", import.meta.url).pathname })
    .then(async (registration) => {
      await navigator.serviceWorker.ready;
      await calculatorStarted();
      (await newest(registration))?.postMessage("fill");
    })
    .catch(() => {});
}
