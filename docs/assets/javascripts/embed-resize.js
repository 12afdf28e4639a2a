// For trainers' pages: include this script beside an embedded calculator's <iframe> and the iframe takes
// the height of its content. It listens only to messages from the calculator site's own origin, and only
// to the message `{type: "vot-embed-height", height}` from one of the page's iframes.
(() => {
  const script = document.currentScript;
  const origin = new URL(script ? script.src : location.href).origin;
  window.addEventListener("message", (event) => {
    if (event.origin !== origin || !event.data || event.data.type !== "vot-embed-height") return;
    const height = Number(event.data.height);
    if (!Number.isFinite(height) || height <= 0 || height > 20000) return;
    for (const frame of document.querySelectorAll("iframe")) {
      if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(height)}px`;
    }
  });
})();
