import type http from "node:http";
import { createRequire } from "node:module";
import { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { DirectRouteHandler } from "@/lib/server/direct-routes";

// Next.js's own build of the `compression` middleware, which its router applies to every response today: the
// direct path compresses exactly what Next would (same negotiation, same threshold, same version: gzip or deflate).
type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as (options?: object) => Middleware;
const compress = compression();
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/;

// Next drops these from a route handler's response (the body may have been decoded, or is re-framed).
const FORBIDDEN_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding"]);

class ResponseAborted extends Error {
  override name = "ResponseAborted";
}

/**
 * Serves one request with a route handler of the app (see lib/server/direct-routes.ts) the way Next.js's router
 * and app-route module would, without them: what the handler reads of a web `Request` (headers, the body as the
 * socket delivers it, a signal aborted when the client goes away before the answer is finished), and the `Response` written the same
 * way (status, headers minus content-length and framing, Next's compression unless `no-transform`, the body
 * chunk by chunk with backpressure, and cancelled when the client goes away). Not kept: the `Vary` on Next's
 * router headers (`rsc`, `next-router-state-tree`, …), which mean nothing for an API call.
 *
 * Why: the gateway's long image calls hold thousands of requests open at once, and each one kept Next's whole
 * per-request chain alive for its duration (router, base server, app-route module, tracer spans, two incremental
 * caches, three URLs, a NextRequest, the response's web-stream pipe), ~60% of the old-space memory per call in
 * flight, and building it was ~20% of the CPU of admitting a burst (README › Performance › Long generations).
 * Nothing of it does work for /v1/chat/completions: no proxy (its matcher excludes /v1), no rendering, no cache.
 */
export async function serveDirectRoute(req: http.IncomingMessage, res: http.ServerResponse, handler: DirectRouteHandler): Promise<void> {
  // Socket errors surface as close; without a listener an 'error' would crash the process (Next does the same).
  req.on("error", () => {});
  res.on("error", () => {});
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort(new ResponseAborted("The client went away before the response was finished"));
  });
  let response: Response;
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.append(name, value);
      else if (value) for (const one of value) headers.append(name, one);
    }
    // The body is made when the handler first asks for it, and pulls from the socket only as it is read (the same
    // stream over the request's async iterator that undici makes of it for Next): a call refused from its headers
    // never builds one.
    let body: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;
    response = await handler({
      headers,
      signal: controller.signal,
      get body() {
        return (body ??= NodeReadableStream.from(req) as unknown as ReadableStream<Uint8Array<ArrayBuffer>>);
      },
    });
  } catch (error) {
    // Like Next for a handler that throws: an empty 500 (the gateway's handler answers every error itself).
    process.stderr.write(`direct route ${req.method} ${req.url} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!res.headersSent && !res.destroyed) {
      res.statusCode = 500;
      res.end();
    }
    return;
  }
  await writeResponse(req, res, response, controller.signal);
}

async function writeResponse(req: http.IncomingMessage, res: http.ServerResponse, response: Response, clientGone: AbortSignal): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    if (FORBIDDEN_HEADERS.has(name) || name === "set-cookie") return;
    res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  // For a `no-transform` response (the gateway's streams) the middleware would decide "no compression" before
  // touching anything, so it is not installed at all.
  if (!NO_TRANSFORM.test(response.headers.get("cache-control") ?? "")) {
    compress(req, res, () => {});
    res.once("close", () => {
      // On a client disconnect the middleware never ends its zlib stream (Next releases it the same way).
      if (res.writableFinished) return;
      const noop = () => {};
      const zlib = res.on("drain", noop);
      if (zlib === res) res.off("drain", noop);
      else (zlib as unknown as { destroy(): void }).destroy();
    });
  }
  if (!response.body || res.destroyed) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel(clientGone.reason).catch(() => {});
  if (clientGone.aborted) return cancel();
  clientGone.addEventListener("abort", cancel, { once: true });
  // One drain listener for the whole response, as Next has: the compression middleware forwards `on` to its zlib
  // stream but not `off`, so a listener per backpressured write would pile up there.
  let wake: (() => void) | undefined;
  const resume = () => {
    wake?.();
    wake = undefined;
  };
  res.on("drain", resume);
  res.once("close", resume);
  const flush = (res as { flush?: () => void }).flush;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      // The headers go out with the first chunk, in the same write (Next flushes them on their own first: one more
      // system call per response, measurable when two thousand long calls answer within seconds of each other).
      const ok = res.write(value);
      flush?.call(res); // the compression middleware's: pushes what zlib holds
      if (!ok && !res.destroyed) await new Promise<void>((resolve) => (wake = resolve));
    }
    if (!res.destroyed) res.end();
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  } finally {
    clientGone.removeEventListener("abort", cancel);
  }
}
