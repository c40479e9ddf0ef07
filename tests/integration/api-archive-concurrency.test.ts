// Thousands of long generations can end together, each with a result image on the same host: the archive must
// fetch them side by side, not a couple at a time behind each other (it used to run 2 tasks at once, each
// fetching through an agent capped at 4 connections per origin).
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Objects go to the local driver under a folder of this file's own; the image host is on loopback, so it is
// allowed past the outbound guard (lib/env reads all of this on import).
const dataDir = await vi.hoisted(async () => {
  const [{ mkdtempSync }, { tmpdir }, { join }] = await Promise.all([import("node:fs"), import("node:os"), import("node:path")]);
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "darkroom-archive-"));
  process.env.STORAGE_DRIVER = "local";
  process.env.OUTBOUND_ALLOW_HOSTS = "127.0.0.1";
  delete (globalThis as { __darkroomStorage?: unknown }).__darkroomStorage;
  return process.env.DATA_DIR;
});

const { closeDb, db } = await import("@/lib/db/client");
const { createApiImageArchive } = await import("@/lib/gateway/archive/archive-api-images");
const { archiveIdle } = await import("@/lib/gateway/archive/run-archive-task");
const { seedApiKey } = await import("../factories/api-keys");
const { makeGradientPng } = await import("../fixtures/fake-upstream/make-png");

const RESULTS = 12; // more than the old 2 tasks and 4 connections per origin; within the default ARCHIVE_CONCURRENCY

/** An image host that holds every request until told to answer, and counts how many it holds at once. */
function startImageHost() {
  const held: http.ServerResponse[] = [];
  let answering = false;
  const answer = (res: http.ServerResponse, name: string) => {
    const png = makeGradientPng(name, 32);
    res.writeHead(200, { "content-type": "image/png", "content-length": png.length });
    res.end(png);
  };
  const names = new WeakMap<http.ServerResponse, string>();
  const server = http.createServer((req, res) => {
    const name = req.url ?? "/";
    if (answering) return answer(res, name);
    names.set(res, name);
    held.push(res);
  });
  return {
    server,
    get holding() {
      return held.length;
    },
    answerAll() {
      answering = true;
      for (const res of held.splice(0)) answer(res, names.get(res) ?? "/");
    },
  };
}

let host: ReturnType<typeof startImageHost>;
let origin: string;

beforeAll(async () => {
  host = startImageHost();
  await new Promise<void>((resolve) => host.server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(host.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  host?.answerAll();
  await archiveIdle();
  await new Promise((resolve) => host?.server.close(resolve));
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("archiving API results", () => {
  it(`fetches ${RESULTS} results from one origin at once and stores every one`, { timeout: 60_000 }, async () => {
    const key = await seedApiKey();
    for (let i = 0; i < RESULTS; i++) {
      const archive = createApiImageArchive({
        requestId: `req_archive_${i}`,
        workspaceId: key.workspaceId,
        membershipId: key.membershipId,
        userId: key.userId,
        model: "gpt-4o-image",
        prompt: `result ${i}`,
      });
      archive.capture.onImage?.({ kind: "url", url: `${origin}/files/result-${i}.png`, source: "markdown" });
      archive.finish(Promise.resolve({ kind: "completed", usage: null, images: 1, textChars: 0, upstreamId: null, callerAborted: false }));
    }
    // Every fetch reaches the host before any is answered: none waits for another to finish.
    await vi.waitFor(
      () => {
        if (host.holding < RESULTS) throw new Error(`${host.holding} of ${RESULTS} result fetches in flight at once`);
      },
      { timeout: 15_000, interval: 20 },
    );
    host.answerAll();
    await archiveIdle();
    expect(await db.asset.count({ where: { workspaceId: key.workspaceId, kind: "result" } })).toBe(RESULTS);
    expect(await db.editJob.count({ where: { workspaceId: key.workspaceId, source: "api", status: "succeeded" } })).toBe(RESULTS);
  });
});
