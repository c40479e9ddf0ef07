// Preload for Portkey's open-source gateway (node --import ./bench/portkey-fetch-preload.mjs ...), benchmark
// harness only: Portkey's streaming path appends to the headers of the upstream fetch response, which Node's
// fetch hands out immutable ("TypeError: immutable", its issues #1389 and #1550). Re-creating each response with
// a fresh, mutable Headers object (same status, same body stream, nothing read or buffered) makes streaming work.
const originalFetch = globalThis.fetch;

globalThis.fetch = async function fetchWithMutableHeaders(...args) {
  const response = await originalFetch.apply(this, args);
  const copy = new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
  // `url` and `redirected` are read-only getters on Response; keep what callers may look at.
  Object.defineProperty(copy, "url", { value: response.url });
  Object.defineProperty(copy, "redirected", { value: response.redirected });
  return copy;
};
