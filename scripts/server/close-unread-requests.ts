import type http from "node:http";

/**
 * A response sent before its request's body was read (a 401 or 413 answered from the headers) closes the
 * connection. Otherwise Node keeps reading the unread body after the answer, to reuse the connection, and a
 * client dripping a body in holds the socket until the request timeout.
 */
export function closeUnreadRequests(req: http.IncomingMessage, res: http.ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
    // `Connection: close`, and Node ends the socket once the response is out instead of reading the rest.
    if (!req.complete) this.shouldKeepAlive = false;
    return writeHead.apply(this, args);
  } as typeof writeHead;
}
