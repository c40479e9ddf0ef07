import type http from "node:http";

// Long enough for the answer to reach the client before the reset (a reset can discard data it has not read yet).
const LINGER_MS = 500;

/**
 * A response sent before its request's body was read (a 401 or 413 answered from the headers) ends its
 * connection shortly after. Otherwise Node keeps reading the unread body after the answer, to reuse the
 * connection, and a client dripping a body in holds the socket until the request timeout. Not `Connection:
 * close` and a FIN: a client still streaming a body it never ends (undici's fetch) spins on a half-closed socket
 * instead of reading the answer; a reset after the answer ends its upload cleanly.
 */
export function closeUnreadRequests(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.once("finish", () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.socket.once("close", () => clearTimeout(timer));
  });
}
