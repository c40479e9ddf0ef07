/**
 * The client address `hops` trusted proxies away, as Express's `trust proxy = n` and nginx's real_ip (with
 * recursive off) pick it: each proxy appends the address it saw, so only the right-most `hops` entries are
 * written by proxies we run; the entry `hops` from the right is the one the outermost proxy saw. With fewer
 * entries than hops, the left-most one (the furthest the chain reaches). hops = 0: the socket's address.
 */
export function pickForwardedAddress(socketAddress: string, forwardedFor: string | null | undefined, hops: number): string {
  if (hops <= 0 || !forwardedFor) return socketAddress;
  const entries = forwardedFor
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return socketAddress;
  return entries[Math.max(0, entries.length - hops)]!;
}
