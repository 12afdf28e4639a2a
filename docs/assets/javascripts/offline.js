// Registers the service worker that keeps the site, calculators included, working offline after the first
// visit, then asks it to fill its cache: at once on most pages; on a calculator page only once the calculator
// has started and shown the answers its address asked for, so that filling the cache never competes with the
// reader's first result.
const calculatorStarted = () => new Promise((resolve) => {
  if (!document.querySelector(".vot-calculator") || window.votCalculatorReady) resolve();
  else document.addEventListener("vot:calculator-ready", resolve, { once: true });
});

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  const script = new URL("../../service-worker.js", import.meta.url);
  navigator.serviceWorker.register(script, { scope: new URL("../../", import.meta.url).pathname })
    .then(() => navigator.serviceWorker.ready)
    .then(async (registration) => {
      await calculatorStarted();
      registration.active?.postMessage("fill");
    })
    .catch(() => {});
}
