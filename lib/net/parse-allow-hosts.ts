/** An OUTBOUND_ALLOW_HOSTS entry: `host`, `host:port`, `[v6]` or `[v6]:port`. */
export interface AllowedHost {
  host: string;
  port?: number;
}

/** Lower-cased, without IPv6 brackets or a trailing dot: the form hosts are compared in. */
export function normalizeHost(host: string): string {
  let h = host.toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  while (h.endsWith(".")) h = h.slice(0, -1);
  return h;
}

export function parseAllowHosts(entries: readonly string[]): AllowedHost[] {
  const out: AllowedHost[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    // Parse through the URL parser so an entry is normalised exactly as the URLs it will be compared with.
    const url = URL.parse(`http://${entry}/`);
    if (!url || url.pathname !== "/" || url.username || url.password) {
      throw new Error(`Invalid OUTBOUND_ALLOW_HOSTS entry: ${JSON.stringify(raw)} (expected host or host:port)`);
    }
    const hasPort = /:\d+$/.test(entry);
    out.push(hasPort ? { host: normalizeHost(url.hostname), port: Number(url.port || 80) } : { host: normalizeHost(url.hostname) });
  }
  return out;
}

export function defaultPort(protocol: string): number {
  return protocol === "https:" ? 443 : 80;
}

/** Whether `host` (any form) and `port` match an entry; an entry without a port matches every port. */
export function isHostAllowed(allow: readonly AllowedHost[], host: string, port: number): boolean {
  if (allow.length === 0) return false;
  const h = normalizeHost(host);
  return allow.some((entry) => entry.host === h && (entry.port === undefined || entry.port === port));
}
