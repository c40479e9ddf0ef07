import "server-only";
import { parseEnv } from "./parse-env";

/** The validated environment of the running app. */
export const env = parseEnv(process.env);
export type { Env } from "./parse-env";

// PUBLIC_URL is the one place the public origin is configured: Auth.js reads its URL (and so the host it
// trusts for callbacks and redirects) from AUTH_URL, which we derive here.
process.env.AUTH_URL = env.PUBLIC_URL;
