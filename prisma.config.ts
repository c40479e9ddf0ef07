import path from "node:path";
import { defineConfig } from "prisma/config";

// `prisma generate` only needs some executable here (see ../shared notes on offline Prisma):
// the real migrations run through the WebAssembly engine (scripts/db-migrate.ts, scripts/db-deploy.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma/schema-engine-stub.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
