import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import { errors as undiciErrors, request, type Dispatcher } from "undici";
import { checkOutboundUrl } from "./check-outbound-url";
import { createGuardedAgent, type ResolveHost } from "./create-guarded-agent";
import { getGuardedAgent } from "./get-guarded-agent";
import { OutboundBlockedError, OutboundFetchError } from "./outbound-errors";
import { parseAllowHosts } from "./parse-allow-hosts";

export interface SafeFetchOptions {
  /** Largest body accepted; larger ones fail with `too_large`, whether or not Content-Length announced it. */
  maxBytes: number;
  /** Total time for everything: connects, redirects, headers and the whole body. */
  timeoutMs: number;
  /** `host` / `host:port` entries allowed past the address check (pass `env.OUTBOUND_ALLOW_HOSTS`). */
  allowHosts?: readonly string[];
  signal?: AbortSignal;
  /** Redirects followed (each hop checked again); default 3. */
  maxRedirects?: number;
  method?: "GET" | "HEAD";
  headers?: Record<string, string>;
  /** Replaces the system resolver (tests; deployments with their own DNS). */
  resolveHost?: ResolveHost;
}

export interface SafeFetchHead {
  status: number;
  headers: IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: string;
  redirects: number;
}

export interface SafeFetchResponse extends SafeFetchHead {
  body: Uint8Array;
}

export interface SafeFetchStreamResponse extends SafeFetchHead {
  /** The body, size-capped and under the same deadline. Read it to the end or call cancel(). */
  body: AsyncIterable<Uint8Array>;
  cancel(): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

/** Destroying an undici body emits an AbortError; nobody is reading it any more, so that error is expected. */
function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => {});
  body.destroy();
}

function mapError(err: unknown, deadline: AbortSignal, signal: AbortSignal | undefined): unknown {
  if (err instanceof OutboundBlockedError || err instanceof OutboundFetchError) return err;
  const cause = (err as { cause?: unknown } | null)?.cause;
  if (cause instanceof OutboundBlockedError) return cause;
  if (deadline.aborted || err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError) {
    return new OutboundFetchError("timeout", "Outbound request timed out", { cause: err });
  }
  if (signal?.aborted) return new OutboundFetchError("aborted", "Outbound request aborted", { cause: err });
  return new OutboundFetchError("network", `Outbound request failed: ${(err as Error)?.message ?? String(err)}`, {
    cause: err,
  });
}

/**
 * The one way server code fetches a URL that a caller or a model supplied (result images, input images). Only
 * http(s); no credentials in URLs; loopback, private, link-local, metadata and other non-public destinations are
 * refused before any connection is made to them, including after DNS resolution and on every redirect hop.
 */
export async function safeFetchStream(input: string | URL, options: SafeFetchOptions): Promise<SafeFetchStreamResponse> {
  const allow = parseAllowHosts(options.allowHosts ?? []);
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const maxRedirects = options.maxRedirects ?? 3;
  // An injected resolver gets an agent of its own for this fetch (closed after it); otherwise the shared one.
  const own = options.resolveHost ? createGuardedAgent({ allow, resolveHost: options.resolveHost, connectTimeoutMs: options.timeoutMs }) : null;
  const agent = own ?? getGuardedAgent(allow);
  const close = () => void own?.destroy().catch(() => {});
  let headers: Record<string, string> = { ...options.headers };

  try {
    let current = checkOutboundUrl(input, allow).url;
    for (let redirects = 0; ; redirects++) {
      const res: Dispatcher.ResponseData = await request(current, {
        dispatcher: agent,
        method: options.method ?? "GET",
        headers,
        signal,
      });
      const location = res.headers.location;
      if (REDIRECTS.has(res.statusCode) && location !== undefined) {
        discard(res.body);
        if (redirects >= maxRedirects) {
          throw new OutboundBlockedError("too_many_redirects", `More than ${maxRedirects} redirects`, current.href);
        }
        const next = URL.parse(Array.isArray(location) ? (location[0] ?? "") : location, current);
        if (!next) throw new OutboundBlockedError("invalid_redirect", "Redirect to an invalid URL", current.href);
        const checked = checkOutboundUrl(next, allow);
        // Credentials the caller meant for one origin never follow a redirect to another.
        if (checked.url.origin !== current.origin) {
          headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.includes(k.toLowerCase())));
        }
        current = checked.url;
        continue;
      }
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        discard(res.body);
        throw new OutboundFetchError("too_large", `Body of ${declared} bytes exceeds ${options.maxBytes}`);
      }
      return {
        status: res.statusCode,
        headers: res.headers,
        url: current.href,
        redirects,
        body: limitBody(res.body, options.maxBytes, deadline, options.signal, close),
        cancel() {
          discard(res.body);
          close();
        },
      };
    }
  } catch (err) {
    close();
    throw mapError(err, deadline, options.signal);
  }
}

async function* limitBody(
  body: Dispatcher.ResponseData["body"],
  maxBytes: number,
  deadline: AbortSignal,
  signal: AbortSignal | undefined,
  close: () => void,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > maxBytes) throw new OutboundFetchError("too_large", `Body exceeds ${maxBytes} bytes`);
      yield chunk;
    }
  } catch (err) {
    throw mapError(err, deadline, signal);
  } finally {
    discard(body);
    close();
  }
}

/** `safeFetchStream`, with the body read into memory (at most `maxBytes`). */
export async function safeFetch(input: string | URL, options: SafeFetchOptions): Promise<SafeFetchResponse> {
  const res = await safeFetchStream(input, options);
  const chunks: Uint8Array[] = [];
  for await (const chunk of res.body) chunks.push(chunk);
  return { status: res.status, headers: res.headers, url: res.url, redirects: res.redirects, body: Buffer.concat(chunks) };
}
