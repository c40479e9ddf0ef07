import "server-only";
import { parseEnv } from "./parse-env";

/** The validated environment of the running app. */
export const env = parseEnv(process.env);
export type { Env } from "./parse-env";

// PUBLIC_URL is the one place the public origin is configured: Auth.js reads its URL (and so the host it
// trusts for callbacks and redirects) from AUTH_URL, which we derive here. Production always pins it (the proxy
// turns away other hosts); development without PUBLIC_URL leaves it unset, so Auth.js takes the origin from each
// request and sign-up works at 127.0.0.1, a LAN name or a tunnel, not only at localhost.
if (env.NODE_ENV === "production" || env.PUBLIC_URL_CONFIGURED) process.env.AUTH_URL = env.PUBLIC_URL;
else delete process.env.AUTH_URL;
