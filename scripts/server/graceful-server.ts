import http from "node:http";
import type { Socket } from "node:net";

/** How long calls told to stop (when the grace ran out) get to send their last answer before their sockets close. */
export const ANSWER_WINDOW_MS = 1_000;

const wait = (ms: number) => new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref());

/**
 * Tracks in-flight requests so shutdown can stop accepting, let running requests finish for a grace
 * period, and only then cut what is left. Every socket is tracked, upgraded ones (the dev server's HMR WebSocket)
 * too: the HTTP server forgets those once upgraded, and a browser tab holding one kept `server.close()` waiting.
 */
export function createGracefulServer(handler: http.RequestListener, options: http.ServerOptions = {}) {
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const sockets = new Set<Socket>();
  const server = http.createServer(options, (req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    handler(req, res);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

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
    for (const socket of sockets) socket.destroy(); // upgraded ones: the HTTP server no longer tracks them
    await Promise.race([closed, wait(ANSWER_WINDOW_MS)]);
  }

  return { server, shutdown, inFlight: () => inFlight };
}
