import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPidAlive } from "@/lib/db/embedded/processes";
import { startFakeUpstream } from "../fixtures/fake-upstream/start-fake-upstream";
import { seedApiKey } from "../factories/api-keys";
import { startAppServer } from "../support/app-server";

type Fake = Awaited<ReturnType<typeof startFakeUpstream>>;
let upstream: Fake;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
});

describe("the production server's lifecycle", () => {
  it("on SIGTERM stops accepting, finishes in-flight requests, then exits cleanly", async () => {
    const server = await startAppServer({
      databaseUrl: process.env.DATABASE_URL!,
      env: { UPSTREAM_BASE_URL: upstream.url, UPSTREAM_API_KEY: "sk-test", SHUTDOWN_GRACE_MS: "10000" },
    });
    const key = await seedApiKey();
    const inFlight = fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-image", fake_scenario: "slow delay=1500", messages: [{ role: "user", content: "a cat" }] }),
    });
    await upstream.waitFor((requests) => requests.some((r) => r.rawBody.includes("slow delay=1500")));
    const exit = server.stop("SIGTERM");
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).choices).toHaveLength(1);
    expect(await exit).toBe(0);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  it("with the embedded database, SIGTERM leaves no postgres process behind", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-lifecycle-"));
    fs.chmodSync(dataDir, 0o755);
    try {
      const server = await startAppServer({ databaseUrl: "", env: { DATA_DIR: dataDir } });
      const state = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { pid?: number };
      const pidFile = fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8");
      const postmaster = Number(pidFile.split("\n")[0]);
      expect(isPidAlive(postmaster)).toBe(true);
      expect(state).toBeTruthy();
      expect(await server.stop("SIGTERM")).toBe(0);
      await expect.poll(() => isPidAlive(postmaster), { timeout: 15_000 }).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
