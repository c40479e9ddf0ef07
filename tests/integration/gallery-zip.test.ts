import fs from "node:fs";
import { unzipSync } from "fflate";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// Objects go to the local driver under a folder of this file's own (lib/env reads DATA_DIR on import).
const dataDir = await vi.hoisted(async () => {
  const [{ mkdtempSync }, { tmpdir }, { join }] = await Promise.all([import("node:fs"), import("node:os"), import("node:path")]);
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "darkroom-gallery-zip-"));
  process.env.STORAGE_DRIVER = "local";
  delete (globalThis as { __darkroomStorage?: unknown }).__darkroomStorage;
  return process.env.DATA_DIR;
});
const session = vi.hoisted(() => ({ user: null as { id: string; email: string; name: null; role: "user" } | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));

import { POST } from "@/app/api/gallery/zip/route";
import { getStorage } from "@/lib/storage/get-storage";
import { seedAsset } from "../factories/gallery";
import { seedUser } from "../factories/users";

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
beforeEach(() => {
  session.user = null;
});

function zipRequest(workspace: string, ids: string[]): Request {
  const body = new URLSearchParams([["workspace", workspace], ...ids.map((id) => ["ids", id])]);
  return new Request("http://localhost/api/gallery/zip", { method: "POST", body });
}

const signIn = (user: { userId: string; email: string }) => (session.user = { id: user.userId, email: user.email, name: null, role: "user" });

describe("ZIP download", () => {
  it("streams the originals with unique names (upload name, else model-id), and lists missing objects", async () => {
    const owner = await seedUser();
    const ws = owner.workspaceId;
    const big = Buffer.alloc(300_000, 7); // several read chunks: the archive is assembled as it streams
    const a = await seedAsset({ workspaceId: ws, createdById: owner.userId, originalName: "cat.jpeg", bytes: Buffer.from("first cat") });
    const b = await seedAsset({ workspaceId: ws, createdById: owner.userId, originalName: "Cat.png", bytes: Buffer.from("second cat") });
    const c = await seedAsset({ workspaceId: ws, createdById: owner.userId, kind: "result", model: "gpt-image-1", bytes: big });
    const gone = await seedAsset({ workspaceId: ws, createdById: owner.userId, originalName: "../../gone.png", bytes: Buffer.from("gone") });
    await getStorage().delete(gone.storageKey);
    signIn(owner);

    const response = await POST(zipRequest(owner.workspaceSlug, [a.id, b.id, c.id, gone.id]));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="darkroom-/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files)).toEqual(["cat.png", "Cat (2).png", `gpt-image-1-${c.id}.png`, "missing.txt"]);
    expect(Buffer.from(files["cat.png"]!).toString()).toBe("first cat");
    expect(Buffer.from(files["Cat (2).png"]!).toString()).toBe("second cat");
    expect(Buffer.from(files[`gpt-image-1-${c.id}.png`]!).equals(big)).toBe(true);
    expect(Buffer.from(files["missing.txt"]!).toString()).toContain("\n_.._gone.png\n"); // no path survives into a name
  });

  it("refuses visitors, bad input and any image outside the caller's workspaces", async () => {
    const owner = await seedUser();
    const outsider = await seedUser();
    const asset = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, bytes: Buffer.from("x") });
    const own = await seedAsset({ workspaceId: outsider.workspaceId, createdById: outsider.userId, bytes: Buffer.from("y") });
    expect((await POST(zipRequest(owner.workspaceSlug, [asset.id]))).status).toBe(401);
    signIn(outsider);
    expect((await POST(zipRequest(owner.workspaceSlug, ["not-an-id"]))).status).toBe(400);
    expect((await POST(zipRequest(owner.workspaceSlug, []))).status).toBe(400);
    expect((await POST(zipRequest(owner.workspaceSlug, [asset.id]))).status).toBe(404);
    // Their own workspace's slug with a foreign id among their own: refused whole.
    expect((await POST(zipRequest(outsider.workspaceSlug, [own.id, asset.id]))).status).toBe(404);
    expect((await POST(zipRequest(outsider.workspaceSlug, [own.id]))).status).toBe(200);
  });

  it("checks the session before reading the body, and reads at most a selection's worth", async () => {
    const owner = await seedUser();
    // A body that drips in forever: nothing may wait for it.
    let pulls = 0;
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull: () => {
          pulls += 1;
          return new Promise<void>(() => {});
        },
      });
    const dripping = () =>
      new Request("http://localhost/api/gallery/zip", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: endless(),
        duplex: "half",
      } as RequestInit);
    const answer = await Promise.race([POST(dripping()), new Promise<"waiting">((r) => setTimeout(() => r("waiting"), 5_000))]);
    expect(answer).not.toBe("waiting");
    expect((answer as Response).status).toBe(401);
    expect(pulls).toBeLessThanOrEqual(1); // the stream's own first pull at most; no read was awaited

    signIn(owner);
    const huge = new URLSearchParams([["workspace", owner.workspaceSlug], ...Array.from({ length: 5000 }, () => ["ids", crypto.randomUUID()])]);
    const tooLarge = await POST(new Request("http://localhost/api/gallery/zip", { method: "POST", body: huge }));
    expect(tooLarge.status).toBe(413);
  });
});
