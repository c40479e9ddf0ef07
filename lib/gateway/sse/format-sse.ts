const encoder = new TextEncoder();

// Fresh arrays on every call: a stream consumer may transfer or detach what it is given.

/** `: keep-alive\n\n`, sent while the upstream is silent so proxies do not cut a long generation. */
export function formatKeepAlive(): Uint8Array {
  return encoder.encode(": keep-alive\n\n");
}

export function formatDone(): Uint8Array {
  return encoder.encode("data: [DONE]\n\n");
}

export interface StreamErrorBody {
  message: string;
  type: string;
  code: string | null;
  param?: string | null;
}

/** The one event sent when a committed stream fails; the stream then closes without `[DONE]`. */
export function formatErrorEvent(error: StreamErrorBody): Uint8Array {
  const { message, type, code, param = null } = error;
  return formatDataEvent({ error: { message, type, param, code } });
}

/** `data: <json>\n\n`. JSON.stringify never emits a raw CR or LF, so one `data:` line always suffices. */
export function formatDataEvent(value: unknown): Uint8Array {
  return encoder.encode(`data: ${JSON.stringify(value)}\n\n`);
}
