import http from "node:http";
import type { AddressInfo } from "node:net";
import { pipeToNodeResponse } from "next/dist/server/pipe-readable";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { exportUsage, type UsageExportPage } from "@/lib/billing/export-usage";
import { formatUsageExport } from "@/lib/billing/format-usage-export";
import { takeExportSlot } from "@/lib/billing/take-export-slot";
import { getPool } from "@/lib/db/client";
import { textStream } from "@/lib/http/text-stream";
import { seedUser } from "../factories/users";

// The admin export's body over real HTTP to a client that stops reading: the server must stop reading the
// database too, a few pages past what the socket has taken, not run ahead and hold the file. The route
// (app/(admin)/admin/billing/export/route.ts) returns textStream(takeExportSlot(formatUsageExport(pages))) and
// Next writes a route's body with pipeToNodeResponse, so this serves exactly that pipeline. Measured in rows and
// bytes fetched against bytes sent, not in memory (which depends on the collector's mood).
const ROWS = 60_000;
const SINCE = new Date("2041-01-01T00:00:00Z");
const UNTIL = new Date("2041-02-01T00:00:00Z");

let slug: string;
let server: http.Server;
let url: string;
// What the server side has done, by the test's counters around the route's pipeline.
const seen = { rowsFetched: 0, pagesFetched: 0, bytesFormatted: 0, biggestChunk: 0, fetching: false, response: null as http.ServerResponse | null };

async function* counted(pages: AsyncIterable<UsageExportPage>): AsyncGenerator<UsageExportPage> {
  const iterator = pages[Symbol.asyncIterator]();
  for (;;) {
    seen.fetching = true;
    const next = await iterator.next();
    seen.fetching = false;
    if (next.done) return;
    seen.rowsFetched += next.value.rows;
    seen.pagesFetched++;
    yield next.value;
  }
}

async function* measured(chunks: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    seen.bytesFormatted += chunk.byteLength;
    seen.biggestChunk = Math.max(seen.biggestChunk, chunk.byteLength);
    yield chunk;
  }
}

beforeAll(async () => {
  const owner = await seedUser();
  slug = owner.workspaceSlug;
  // Long upstream ids make a ~30 MB file: far more than loopback's socket buffers can hide.
  await getPool().query(
    `INSERT INTO usage_records (id, request_id, workspace_id, user_id, source, model, status, prompt_tokens, completion_tokens,
                                total_tokens, images, credits, latency_ms, upstream_id, created_at, finished_at)
     SELECT gen_random_uuid(), 'req_bp_' || $1::text || '_' || i, $1::uuid, $2::uuid, 'api', 'gpt-4o-mini', 'succeeded', 10, 20, 30, 0, 1,
            100, 'chatcmpl-' || repeat('x', 400) || i, t, t
     FROM generate_series(1, $3::int) AS i, LATERAL (SELECT $4::timestamptz + i * interval '1 second' AS t) AS x`,
    [owner.workspaceId, owner.userId, ROWS, SINCE],
  );
  server = http.createServer((request, response) => {
    seen.response = response;
    void (async () => {
      const pages = await exportUsage({ workspaceSlug: slug, since: SINCE, until: UNTIL }, "csv");
      const chunks = takeExportSlot(measured(formatUsageExport(counted(pages), "csv")));
      if (!chunks) throw new Error("no export slot");
      response.writeHead(200, { "content-type": "text/csv; charset=utf-8" });
      await pipeToNodeResponse(textStream(chunks), response);
    })().catch((error: unknown) => response.destroy(error as Error));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the billing export over HTTP", () => {
  it("reads the database only as fast as a slow client takes the file", { timeout: 120_000 }, async () => {
    const response = await new Promise<http.IncomingMessage>((resolve) => http.get(url, resolve));
    expect(response.statusCode).toBe(200);
    let received = 0;
    let newlines = 0;
    let stopped = false;
    const PAUSE_AT = 1024 * 1024;
    let paused!: () => void;
    const pausedAt = new Promise<void>((resolve) => (paused = resolve));
    const ended = new Promise<void>((resolve) => response.on("end", resolve));
    response.on("data", (chunk: Buffer) => {
      received += chunk.byteLength;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      if (received >= PAUSE_AT && !stopped) {
        stopped = true;
        response.pause();
        paused();
      }
    });
    await pausedAt;

    // The client reads nothing more. The server stalls once the socket is full: it waits for the socket to drain,
    // not for the database.
    const socket = seen.response!.socket!;
    await vi.waitFor(() => {
      expect(seen.response!.writableNeedDrain).toBe(true);
      expect(seen.fetching).toBe(false);
    }, { timeout: 20_000, interval: 50 });
    // What the kernel took (sent or in loopback's buffers) vs what the server fetched and formatted.
    const taken = socket.bytesWritten - socket.writableLength;
    const aheadOfSocket = seen.bytesFormatted - taken;
    const bytesPerRow = seen.bytesFormatted / seen.rowsFetched;
    const report = { received, taken, ...seen, response: undefined, aheadOfSocket, bytesPerRow: Math.round(bytesPerRow) };
    // Ahead of the socket: at most a few pages (one in Node's socket buffer, one queued in the stream, one in the
    // pipe's writer, one being formatted), never the rest of the file.
    expect(aheadOfSocket, JSON.stringify(report)).toBeLessThanOrEqual(5 * seen.biggestChunk);
    // In rows: fetched ≤ what the client consumed plus what sits in the kernel plus those pages.
    expect(seen.rowsFetched, JSON.stringify(report)).toBeLessThanOrEqual((received + (taken - received) + 5 * seen.biggestChunk) / bytesPerRow);
    expect(seen.rowsFetched, JSON.stringify(report)).toBeLessThan(ROWS / 2);

    // Reading again finishes the file: every row, once.
    response.resume();
    await ended;
    expect(newlines).toBe(ROWS + 1);
    expect(seen.rowsFetched).toBe(ROWS);
    // The slot and the connection are given back.
    await vi.waitFor(() => expect(getPool().totalCount - getPool().idleCount).toBe(0));
    const again = [takeExportSlot((async function* () {})()), takeExportSlot((async function* () {})())];
    expect(again.every((slot) => slot !== null)).toBe(true);
    for (const slot of again) await slot!.return(undefined);
  });
});
