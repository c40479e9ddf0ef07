// The signed-in hot path (issue 11): `npm run bench:session-read [-- --users 2000] [--reads 3000]`.
//
// Every signed-in request runs the jwt callback once. Before sessions were rows it read the user by primary key;
// now `readSessionUser` reads the user and the token's session row in one statement (and moves last_seen_at when it
// is over 5 minutes old). Both run here against the same freshly migrated database, `users` people with 3 sessions
// each, interleaved read by read on random people so drift and caching hit both alike. A third case times the read
// that does move last_seen_at (the first request of a session after 5 minutes). Prints p50 / p95 and the ratios.
import { parseArgs } from "node:util";
import { startTestCluster } from "../tests/setup/test-database";

const { values: flags } = parseArgs({ options: { users: { type: "string", default: "2000" }, reads: { type: "string", default: "3000" } } });
const USERS = Number(flags.users);
const READS = Number(flags.reads);
const log = (line = "") => process.stdout.write(`${line}\n`);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function main() {
  const cluster = await startTestCluster({ log: () => {} });
  try {
    process.env.DATABASE_URL = await cluster.createDatabase({ prefix: "bench_session" });
    const { db } = await import("@/lib/db/client");
    const { readSessionUser } = await import("@/lib/sessions/read-session-user");
    await db.$executeRaw`
      INSERT INTO users (id, email, name, updated_at)
      SELECT gen_random_uuid(), 'bench-' || g || '@bench.test', 'Bench ' || g, now() FROM generate_series(1, ${USERS}) g`;
    await db.$executeRaw`
      INSERT INTO user_sessions (id, user_id, user_agent, ip_address)
      SELECT gen_random_uuid(), u.id, 'Chrome on Linux', '127.0.0.1' FROM users u, generate_series(1, 3)`;
    await db.$executeRaw`ANALYZE users`;
    await db.$executeRaw`ANALYZE user_sessions`;
    const pairs = await db.$queryRaw<Array<{ userId: string; sessionId: string }>>`
      SELECT user_id AS "userId", id AS "sessionId" FROM user_sessions`;
    const pick = () => pairs[Math.floor(Math.random() * pairs.length)]!;
    const before = (userId: string) =>
      db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, role: true, disabled: true, disabledAt: true } });
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    for (let i = 0; i < 200; i++) {
      const p = pick();
      await before(p.userId);
      await readSessionUser(p.userId, p.sessionId);
    }
    const old: number[] = [];
    const now: number[] = [];
    const touching: number[] = [];
    for (let i = 0; i < READS; i++) {
      const p = pick();
      if (i % 2 === 0) {
        old.push(await time(() => before(p.userId)));
        now.push(await time(() => readSessionUser(p.userId, p.sessionId)));
      } else {
        now.push(await time(() => readSessionUser(p.userId, p.sessionId)));
        old.push(await time(() => before(p.userId)));
      }
      if (i % 10 === 0) {
        const stale = pick();
        await db.userSession.update({ where: { id: stale.sessionId }, data: { lastSeenAt: new Date(Date.now() - 10 * 60_000) } });
        touching.push(await time(() => readSessionUser(stale.userId, stale.sessionId)));
      }
    }
    const row = (name: string, xs: number[]) =>
      log(`${name.padEnd(44)} p50 ${quantile(xs, 0.5).toFixed(3)} ms   p95 ${quantile(xs, 0.95).toFixed(3)} ms   (${xs.length} reads)`);
    log(`${USERS} users × 3 sessions, ${READS} interleaved reads`);
    row("before: user by primary key", old);
    row("now: user + session row (readSessionUser)", now);
    row("now, moving last_seen_at (every 5 min)", touching);
    log(`ratio now/before: p50 ${(quantile(now, 0.5) / quantile(old, 0.5)).toFixed(2)}×, p95 ${(quantile(now, 0.95) / quantile(old, 0.95)).toFixed(2)}×`);
    await db.$disconnect();
  } finally {
    await cluster.stop();
  }
}

await main();
