import "server-only";
import { parseEnv } from "./parse-env";

/** The validated environment of the running app. */
export const env = parseEnv(process.env);
export type { Env } from "./parse-env";
