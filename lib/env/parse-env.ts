import path from "node:path";
import { z } from "zod";

// Parsed once at start-up; the rest of the code reads the typed result, never process.env.
// Kept free of `server-only` so scripts (dev server, CLI, tests) can read the same rules.

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const optionalUrl = optionalString.pipe(
  z.url({ protocol: /^(https?|postgres(ql)?)$/ }).optional(),
);

const intWithDefault = (fallback: number, min = 0) =>
  optionalString.pipe(z.coerce.number<string | undefined>().int().min(min).optional()).transform((v) => v ?? fallback);

const boolWithDefault = (fallback: boolean) =>
  optionalString
    .pipe(z.enum(["true", "false", "1", "0"]).optional())
    .transform((v) => (v === undefined ? fallback : v === "true" || v === "1"));

const commaList = optionalString.transform((v) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    NEXT_PHASE: optionalString,
    DATABASE_URL: optionalUrl,
    DATABASE_POOL_SIZE: intWithDefault(10, 1),
    DATA_DIR: optionalString.transform((v) => path.resolve(/*turbopackIgnore: true*/ v ?? "./.data")),
    AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    // GitHub Enterprise Server: its web origin (https://github.example.com); its API is <origin>/api/v3.
    AUTH_GITHUB_ENTERPRISE_URL: optionalUrl.transform((v) => v?.replace(/\/+$/, "") ?? ""),
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    // Unset: http://localhost:<PORT> (filled in below, once PORT is known).
    PUBLIC_URL: optionalUrl.transform((v) => v?.replace(/\/+$/, "") ?? ""),
    PORT: intWithDefault(3000, 1),
    HOSTNAME: optionalString.transform((v) => v ?? "0.0.0.0"),
    DEFAULT_CREDITS: intWithDefault(1000),
    // What a password account may spend before its address is verified (the rest of DEFAULT_CREDITS comes on
    // verification), so scripted sign-ups cannot farm credits.
    TRIAL_CREDITS: intWithDefault(50),
    SIGNUP_MODE: optionalString.pipe(z.enum(["open", "closed"]).optional()).transform((v) => v ?? "open"),
    ADMIN_EMAILS: commaList.transform((list) => list.map((e) => e.toLowerCase())),
    // Proxies of ours in front of the app: the client address is the X-Forwarded-For entry this many from the right.
    // TRUST_PROXY=true (the old switch) means one.
    TRUST_PROXY: boolWithDefault(false),
    TRUST_PROXY_HOPS: optionalString.pipe(z.coerce.number<string | undefined>().int().min(0).max(10).optional()),
    // Per client address: sign-in attempts per 15 minutes, sign-ups per hour.
    SIGNIN_LIMIT_PER_IP: intWithDefault(30, 1),
    SIGNUP_LIMIT_PER_IP: intWithDefault(10, 1),
    LOG_LEVEL: optionalString
      .pipe(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional())
      .transform((v) => v ?? "info"),
    SHUTDOWN_GRACE_MS: intWithDefault(10_000),
    // Time a client has to send a request's headers and body (then 408 and the connection closes).
    REQUEST_TIMEOUT_MS: intWithDefault(30_000, 1000),
    // Gateway limits (documented in README › The API and Configuration)
    UPSTREAM_BASE_URL: optionalUrl.transform((v) => v?.replace(/\/+$/, "")),
    UPSTREAM_API_KEY: optionalString,
    GATEWAY_MAX_BODY_BYTES: intWithDefault(32 * 1024 * 1024, 1024),
    STREAM_COMMIT_MS: intWithDefault(10_000, 1),
    UPSTREAM_IDLE_TIMEOUT_MS: intWithDefault(300_000, 1),
    UPSTREAM_TIMEOUT_MS: intWithDefault(600_000, 1),
    // Upstream calls in flight per process; one more is refused at once with 503 + Retry-After (never queued).
    // Each holds two sockets (caller and provider): keep it under half the process's open-file limit.
    UPSTREAM_MAX_CONNECTIONS: intWithDefault(8192, 1),
    HOLD_EXPIRY_MS: intWithDefault(900_000, 1000),
    RATE_LIMIT_RPM: intWithDefault(600, 1),
    OUTBOUND_ALLOW_HOSTS: commaList,
    // Result images archived at once per process (fetch, check, re-encode, store); the rest wait their turn.
    ARCHIVE_CONCURRENCY: intWithDefault(16, 1),
    // darkroom-local: response bytes its results may take, renders at once per process, and its deadline.
    LOCAL_MAX_OUTPUT_BYTES: intWithDefault(64 * 1024 * 1024, 1024),
    LOCAL_MAX_CONCURRENCY: intWithDefault(2, 1),
    LOCAL_TIMEOUT_MS: intWithDefault(120_000, 1),
    // Object storage (lib/storage): files under DATA_DIR/objects, or an S3-compatible bucket.
    STORAGE_DRIVER: optionalString.pipe(z.enum(["local", "s3"]).optional()).transform((v) => v ?? "local"),
    // Unset: AWS S3 itself. S3_PUBLIC_ENDPOINT: the origin browsers reach, when it differs (signs read URLs).
    S3_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    S3_PUBLIC_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    // True when read URLs from the (public) endpoint are reachable from the internet, e.g. by upstream models.
    S3_ENDPOINT_IS_PUBLIC: boolWithDefault(false),
    S3_REGION: optionalString,
    S3_BUCKET: optionalString,
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    // MinIO and Ceph without wildcard DNS need path-style URLs; AWS and R2 take virtual-hosted ones.
    S3_FORCE_PATH_STYLE: boolWithDefault(false),
    // Studio jobs: run the worker inside each app process (false when workers run alone: npm run worker).
    WORKER_ENABLED: boolWithDefault(true),
    WORKER_CONCURRENCY: intWithDefault(2, 1),
    // At most this many edits of one workspace run at once, across all workers and instances.
    JOB_WORKSPACE_CONCURRENCY: intWithDefault(2, 1),
    // Edits one member may submit per minute (per workspace).
    JOB_SUBMIT_LIMIT_PER_MEMBER: intWithDefault(30, 1),
    // How often the queue looks for jobs whose worker stopped sending heartbeats (then retries them).
    JOB_SUPERVISE_SECONDS: intWithDefault(10, 1),
    // Progress streams (GET /api/jobs/<id>/events) one user may hold open per app process.
    JOB_STREAMS_PER_USER: intWithDefault(12, 1),
    // Maintenance (lib/health): progress events of edits finished this many days ago are deleted (the jobs stay).
    JOB_EVENTS_RETENTION_DAYS: intWithDefault(30, 1),
    // A stored object with no asset row is deleted once it is this old; younger ones may be uploads in flight.
    ORPHAN_MIN_AGE_HOURS: intWithDefault(24, 1),
    // Uploads and model results (lib/images): larger files, or larger canvases (width × height), are refused.
    UPLOAD_MAX_BYTES: intWithDefault(10 * 1024 * 1024, 1),
    UPLOAD_MAX_PIXELS: intWithDefault(40_000_000, 1),
    // Outgoing mail (invitations). Unset: development keeps mail in a mailbox page (/dev/mailbox); production
    // sends none and shows links to copy instead.
    SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
    MAIL_FROM: optionalString.transform((v) => v ?? "Darkroom <darkroom@localhost>"),
    // How long an invitation link stays valid.
    INVITATION_TTL_HOURS: intWithDefault(7 * 24, 1),
    // Bytes of images (uploads and results, originals) one workspace may store, and uploads per member a minute.
    STORAGE_QUOTA_BYTES: intWithDefault(2 * 1024 * 1024 * 1024, 1),
    UPLOADS_PER_MINUTE: intWithDefault(60, 1),
  })
  .superRefine((env, ctx) => {
    for (const provider of ["GITHUB", "GOOGLE"] as const) {
      const id = env[`AUTH_${provider}_ID`];
      const secret = env[`AUTH_${provider}_SECRET`];
      if (Boolean(id) !== Boolean(secret)) {
        ctx.addIssue({
          code: "custom",
          path: [id ? `AUTH_${provider}_SECRET` : `AUTH_${provider}_ID`],
          message: `AUTH_${provider}_ID and AUTH_${provider}_SECRET must be set together`,
        });
      }
    }
    if (env.STORAGE_DRIVER === "s3" && env.NEXT_PHASE !== "phase-production-build") {
      for (const name of ["S3_REGION", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "is required when STORAGE_DRIVER=s3" });
      }
    }
    // `next build` evaluates modules too, but secrets belong to the running server, not the build.
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET && env.NEXT_PHASE !== "phase-production-build") {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required in production (generate one with `openssl rand -base64 32`)",
      });
    }
  })
  .transform((env) => ({
    ...env,
    PUBLIC_URL: env.PUBLIC_URL || `http://localhost:${env.PORT}`,
    // Unset in development: the origin follows each request (see lib/env/index.ts).
    PUBLIC_URL_CONFIGURED: Boolean(env.PUBLIC_URL),
    TRUST_PROXY_HOPS: env.TRUST_PROXY_HOPS ?? (env.TRUST_PROXY ? 1 : 0),
  }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Validates an environment; the error names every offending variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
}
