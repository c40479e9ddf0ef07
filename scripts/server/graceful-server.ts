import http from "node:http";

/**
 * Tracks in-flight requests so shutdown can stop accepting, let running requests finish for a grace
 * period, and only then cut what is left.
 */
export function createGracefulServer(handler: http.RequestListener, options: http.ServerOptions = {}) {
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const server = http.createServer(options, (req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    handler(req, res);
  });

  async function shutdown(graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (idle = resolve));
    const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
    if ((await Promise.race([drained, timer])) === "timeout") server.closeAllConnections();
    // Keep-alive sockets that finished their last response close now instead of waiting for their timeout.
    server.closeAllConnections();
    await closed;
  }

  return { server, shutdown, inFlight: () => inFlight };
}
