import http from "node:http";
import type { Duplex } from "node:stream";

/** How long calls told to stop (when the grace ran out) get to send their last answer before their sockets close. */
export const ANSWER_WINDOW_MS = 1_000;

const wait = (ms: number) => new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref());

/**
 * Tracks in-flight requests so shutdown can stop accepting, let running requests finish for a grace
 * period, and only then cut what is left. Upgraded sockets (the dev server's HMR WebSocket) are tracked too:
 * the HTTP server forgets them once upgraded, and a browser tab holding one kept `server.close()` waiting.
 */
export function createGracefulServer(
  handler: http.RequestListener,
  onUpgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void,
) {
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const upgraded = new Set<Duplex>();
  const server = http.createServer((req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    handler(req, res);
  });
  // Only with a handler: an `upgrade` listener makes Node hand the socket over instead of refusing the upgrade.
  if (onUpgrade) {
    server.on("upgrade", (req, socket: Duplex, head: Buffer) => {
      upgraded.add(socket);
      socket.once("close", () => upgraded.delete(socket));
      onUpgrade(req, socket, head);
    });
  }

  /**
   * Stops accepting, waits up to `graceMs` for in-flight requests, then calls `onGraceEnd` (in-flight calls answer
   * at once: see lib/server/shutdown-signal.ts) and gives them ANSWER_WINDOW_MS to do so; whatever is still open
   * after that (keep-alive, SSE, WebSockets) is closed. Resolves within graceMs + ANSWER_WINDOW_MS.
   */
  async function shutdown(graceMs: number, onGraceEnd: () => void = () => {}): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (idle = resolve));
    if ((await Promise.race([drained, wait(graceMs)])) === "timeout") {
      onGraceEnd();
      await Promise.race([drained, wait(ANSWER_WINDOW_MS)]);
    }
    // Keep-alive sockets that finished their last response, streams that never end, and upgraded sockets.
    server.closeAllConnections();
    for (const socket of upgraded) socket.destroy();
    await Promise.race([closed, wait(ANSWER_WINDOW_MS)]);
  }

  return { server, shutdown, inFlight: () => inFlight };
}
