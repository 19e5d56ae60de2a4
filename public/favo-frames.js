// For a host page that may run one script: sizes Favo's iframes (embed.html) to their
// content. Mark them <iframe data-favo src="favo/embed.html#…">. A height is taken only
// from the iframe's own window, and only if it comes from the iframe's own origin.
addEventListener("message", (event) => {
  for (const frame of document.querySelectorAll("iframe[data-favo]")) {
    if (event.source !== frame.contentWindow) continue;
    if (event.origin !== new URL(frame.src, location.href).origin) return;
    const height = event.data && event.data.favo === "size" ? Number(event.data.height) : NaN;
    if (height > 0 && height < 20000) frame.style.height = `${Math.ceil(height)}px`;
    return;
  }
});
