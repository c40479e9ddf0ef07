import { OutboundBlockedError, OutboundFetchError } from "./outbound-errors";

/**
 * What a caller is told when an image URL could not be fetched. The errors themselves name addresses, ports and
 * resolver answers (for our logs); shown to a caller, those would map our network for them, so the sentence
 * says only what kind of failure it was. An HTTP status is the remote server's own answer and may be shown.
 */
export function describeOutboundFailure(error: unknown, httpStatus?: number): string {
  const base = "could not fetch the image";
  if (httpStatus !== undefined) return `${base} (the server answered HTTP ${httpStatus})`;
  // Every guard refusal says "refused" (clients and tests tell a refusal from a failure by it).
  if (error instanceof OutboundBlockedError) {
    if (error.reason === "too_many_redirects") return `${base} (refused: too many redirects)`;
    if (error.reason === "invalid_url" || error.reason === "unsupported_scheme" || error.reason === "credentials_in_url") {
      return `${base} (refused: only http(s) URLs without credentials)`;
    }
    return `${base} (refused: only public addresses are fetched)`;
  }
  if (error instanceof OutboundFetchError) {
    if (error.code === "timeout") return `${base} (it took too long)`;
    if (error.code === "too_large") return `${base} (it is too large)`;
    if (error.code === "aborted") return `${base} (the request was cancelled)`;
  }
  return base;
}
