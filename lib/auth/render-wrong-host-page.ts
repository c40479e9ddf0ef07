const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The page a production request for another host name gets (the Host header is the visitor's, so escaped). */
export function renderWrongHostPage(publicUrl: string, host: string | null): string {
  const url = escapeHtml(publicUrl);
  const seen = host ? ` (you opened it as <code>${escapeHtml(host.slice(0, 200))}</code>)` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wrong address — Darkroom</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#111}code{background:#f3f3f3;padding:0 .25rem;border-radius:.25rem;word-break:break-all}</style>
</head><body><main>
<h1>This Darkroom lives at another address</h1>
<p>This Darkroom is configured to be used at <a href="${url}">${url}</a>${seen}. Sign-in only works there.</p>
<p>Administrators: if people should reach it at this address, set <code>PUBLIC_URL</code> to it and restart.
Behind a reverse proxy, pass the original <code>Host</code> header (or <code>X-Forwarded-Host</code> with <code>TRUST_PROXY_HOPS</code>).</p>
</main></body></html>`;
}
