import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { archiveIdle } from "@/lib/gateway/archive/run-archive-task";
import { handleChatCompletion } from "@/lib/gateway/handle-chat-completion";
import { seedApiKey } from "../factories/api-keys";

async function dataUrl(): Promise<string> {
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 10, g: 200, b: 90 } } }).png().toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}

function call(key: string, body: unknown): Promise<Response> {
  return handleChatCompletion(
    new Request("http://darkroom.test/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

describe("API results are archived in the gallery", () => {
  it.each([false, true])("stores a copy of the returned image (stream: %s) without changing the response", async (stream) => {
    const key = await seedApiKey();
    const response = await call(key.key, {
      model: "darkroom-local",
      stream,
      messages: [{ role: "user", content: [{ type: "text", text: "invert it" }, { type: "image_url", image_url: { url: await dataUrl() } }] }],
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain("data:image/png;base64,");
    await archiveIdle();
    await expect.poll(() => db.asset.count({ where: { workspaceId: key.workspaceId, kind: "result" } })).toBe(1);
    const job = await db.editJob.findFirstOrThrow({ where: { workspaceId: key.workspaceId, source: "api" } });
    expect(job).toMatchObject({ status: "succeeded", model: "darkroom-local", prompt: "invert it", userId: key.userId });
    const asset = await db.asset.findFirstOrThrow({ where: { jobId: job.id } });
    expect({ width: asset.width, height: asset.height, mime: asset.mime }).toEqual({ width: 16, height: 16, mime: "image/png" });
  });

  it("archives nothing for a failed call", async () => {
    const key = await seedApiKey();
    const response = await call(key.key, { model: "darkroom-local", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,bm90IGFuIGltYWdl" } }] }] });
    expect(response.status).toBe(400);
    await archiveIdle();
    expect(await db.editJob.count({ where: { workspaceId: key.workspaceId } })).toBe(0);
  });
});
