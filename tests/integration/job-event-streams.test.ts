import { beforeEach, describe, expect, it, vi } from "vitest";

// A small cap, read by lib/env on import.
vi.hoisted(() => {
  process.env.JOB_STREAMS_PER_USER = "3";
});
const session = vi.hoisted(() => ({ user: null as { id: string; email: string; name: null; role: "user" } | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

import { GET } from "@/app/api/jobs/[jobId]/events/route";
import { db } from "@/lib/db/client";
import { getPool } from "@/lib/db/client";
import { seedEditJob } from "../factories/studio";
import { seedUser } from "../factories/users";

beforeEach(() => {
  session.user = null;
});

const signIn = (user: { userId: string; email: string }) => (session.user = { id: user.userId, email: user.email, name: null, role: "user" });

function open(jobId: string) {
  const controller = new AbortController();
  const request = new Request(`http://localhost/api/jobs/${jobId}/events`, { signal: controller.signal });
  return { response: GET(request, { params: Promise.resolve({ jobId }) }), controller };
}

/** Reads an SSE body until it ends (or `ms` pass): the event names in order, and whether it ended. */
async function readEvents(response: Response, ms: number): Promise<{ events: string[]; ended: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) {
      await reader.cancel();
      return { events: [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]!), ended: false };
    }
    const next = await Promise.race([reader.read(), new Promise<"later">((r) => setTimeout(() => r("later"), left))]);
    if (next === "later") continue;
    if (next.done) return { events: [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]!), ended: true };
    text += decoder.decode(next.value, { stream: true });
  }
}

describe("job event streams", () => {
  it("caps the streams one user holds open with a clear 429, and frees a slot when a stream closes", async () => {
    const owner = await seedUser();
    const jobId = await seedEditJob(owner, []);
    signIn(owner);
    const streams = [open(jobId), open(jobId), open(jobId)];
    for (const stream of streams) expect((await stream.response).status).toBe(200);

    const refused = await open(jobId).response;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(((await refused.json()) as { error: string }).error).toMatch(/Too many edits are being followed at once/);

    // Another user is not affected by this one's streams.
    const other = await seedUser();
    const otherJob = await seedEditJob(other, []);
    signIn(other);
    const theirs = open(otherJob);
    expect((await theirs.response).status).toBe(200);
    theirs.controller.abort();

    signIn(owner);
    streams[0]!.controller.abort();
    await (await streams[0]!.response).body!.cancel().catch(() => {});
    await expect.poll(async () => (await open(jobId).response).status).toBe(200);
    for (const stream of streams) stream.controller.abort();
  });

  it("ends the stream of a job that finished without a terminal event (an archived API call) with one", { timeout: 30_000 }, async () => {
    const owner = await seedUser();
    const membership = await db.membership.findFirstOrThrow({ where: { userId: owner.userId, workspaceId: owner.workspaceId } });
    // How an archived API call is recorded: a finished job, no events of its own.
    const job = await db.editJob.create({
      data: {
        workspaceId: owner.workspaceId,
        membershipId: membership.id,
        userId: owner.userId,
        source: "api",
        model: "darkroom-local",
        prompt: "archived",
        status: "succeeded",
        requestId: `req_test_${crypto.randomUUID()}`,
        startedAt: new Date(Date.now() - 60_000),
        finishedAt: new Date(Date.now() - 60_000),
      },
    });
    signIn(owner);
    const { response } = open(job.id);
    const { events, ended } = await readEvents(await response, 10_000);
    expect(ended).toBe(true);
    expect(events).toEqual(["succeeded"]);
    const { rows } = await getPool().query(`SELECT type FROM job_events WHERE job_id = $1`, [job.id]);
    expect(rows.map((r: { type: string }) => r.type)).toEqual(["succeeded"]);
  });
});
