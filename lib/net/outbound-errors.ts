/** Why the outbound guard refused a URL. None of these ever opened a connection to the refused address. */
export type OutboundBlockReason =
  | "invalid_url"
  | "unsupported_scheme" // only http: and https:
  | "credentials_in_url"
  | "blocked_hostname" // localhost, metadata.google.internal, *.internal, ...
  | "blocked_address" // the literal or resolved address is loopback, private, link-local, ...
  | "too_many_redirects"
  | "invalid_redirect"; // a 3xx without a usable Location

export class OutboundBlockedError extends Error {
  override name = "OutboundBlockedError";
  constructor(
    readonly reason: OutboundBlockReason,
    message: string,
    /** The URL (or host) that was refused; it came from a caller or a model, so log it, never trust it. */
    readonly target?: string,
  ) {
    super(message);
  }
}

/** A permitted fetch that failed. */
export type OutboundFailure = "too_large" | "timeout" | "aborted" | "network";

export class OutboundFetchError extends Error {
  override name = "OutboundFetchError";
  constructor(
    readonly code: OutboundFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
