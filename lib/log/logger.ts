import pino from "pino";
import { parseEnv } from "@/lib/env/parse-env";
import { serializeError } from "./serialize-error";

// Structured logs on stderr (stdout belongs to CLI JSON output). Secrets and image payloads are redacted
// by path here; callers must still never pass raw keys or data: URLs as free text. Errors go under `err` and are
// logged short (serialize-error.ts).
const { LOG_LEVEL } = parseEnv(process.env);

/** The logger's options (also for tests that log to a stream of their own). */
export const LOGGER_OPTIONS: pino.LoggerOptions = {
  level: LOG_LEVEL,
  serializers: { err: serializeError, error: serializeError },
  redact: {
    paths: ["authorization", "headers.authorization", "req.headers.authorization", "password", "key", "apiKey", "*.password", "*.apiKey", "*.url"],
    censor: "[redacted]",
  },
  base: undefined,
};

export const logger = pino(LOGGER_OPTIONS, pino.destination({ fd: 2, sync: false }));
