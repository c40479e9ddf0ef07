import type http from "node:http";
import type net from "node:net";

/**
 * Destroys a connection whose client has stopped reading: bytes wait in its socket's buffer and none of them
 * has left for `idleMs`. Node itself never gives up on a slow reader, so one caller that stops reading would
 * pin its response (a whole non-stream body, or a stream and its model call) forever. Destroying the socket
 * aborts the request's signal, which ends the call and settles it like any disconnect. Progress is seen per
 * chunk handed to the socket (responses go out in chunks of at most 1 MiB), so a slow but steady reader stays.
 */
export function dropStalledWriters(server: http.Server, idleMs: number): () => void {
  const watched = new Map<net.Socket, { pending: number; since: number }>();
  server.on("connection", (socket: net.Socket) => {
    watched.set(socket, { pending: 0, since: Date.now() });
    socket.once("close", () => watched.delete(socket));
  });
  const timer = setInterval(
    () => {
      const now = Date.now();
      for (const [socket, state] of watched) {
        const pending = socket.writableLength;
        if (pending === 0 || pending !== state.pending) {
          state.pending = pending;
          state.since = now;
        } else if (now - state.since >= idleMs) {
          watched.delete(socket);
          socket.destroy();
        }
      }
    },
    Math.max(50, Math.min(1000, Math.floor(idleMs / 4))),
  );
  timer.unref();
  return () => clearInterval(timer);
}
