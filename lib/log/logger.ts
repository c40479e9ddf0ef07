import pino from "pino";
import { parseEnv } from "@/lib/env/parse-env";

// Structured logs on stderr (stdout belongs to CLI JSON output). Secrets and image payloads are redacted
// by path here; callers must still never pass raw keys or data: URLs as free text.
const { LOG_LEVEL } = parseEnv(process.env);

export const logger = pino(
  {
    level: LOG_LEVEL,
    redact: {
      paths: [
        "authorization",
        "headers.authorization",
        "req.headers.authorization",
        "password",
        "key",
        "apiKey",
        "*.password",
        "*.apiKey",
        "*.url",
      ],
      censor: "[redacted]",
    },
    base: undefined,
  },
  pino.destination({ fd: 2, sync: false }),
);
