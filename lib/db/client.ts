import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "./generated/client";

type DbGlobals = { pool?: pg.Pool; prisma?: PrismaClient };

// One pool per process, kept on globalThis so Next's dev reloads don't open a new pool per edit.
const globals = globalThis as typeof globalThis & { __darkroomDb?: DbGlobals };
const state: DbGlobals = (globals.__darkroomDb ??= {});

function requireUrl(): string {
  if (!env.DATABASE_URL) {
    // scripts/serve.ts, the CLI and the test setup set DATABASE_URL (embedded PostgreSQL) before the app loads.
    throw new Error("DATABASE_URL is not set: start Darkroom with `npm run dev` or `npm start`");
  }
  return env.DATABASE_URL;
}

/** The process-wide node-postgres pool: Prisma runs on it, and so do the hot-path SQL and the rate limiter. */
export function getPool(): pg.Pool {
  if (!state.pool) {
    state.pool = new pg.Pool({ connectionString: requireUrl(), max: env.DATABASE_POOL_SIZE });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    state.pool.on("error", () => {});
  }
  return state.pool;
}

function getPrisma(): PrismaClient {
  state.prisma ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return state.prisma;
}

/** Prisma client, created on first use so importing this module never needs a database (e.g. at build time). */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Closes the pool (graceful shutdown, CLI exit, tests). */
export async function closeDb(): Promise<void> {
  const { pool, prisma } = state;
  state.pool = undefined;
  state.prisma = undefined;
  await prisma?.$disconnect().catch(() => {});
  await pool?.end().catch(() => {});
}
