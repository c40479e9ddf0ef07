import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getAssetDetail } from "@/lib/gallery/get-asset-detail";
import { seedMember } from "../factories/api-keys";
import { seedAsset, seedEdit } from "../factories/gallery";
import { seedUser } from "../factories/users";

const ids = (list: { id: string }[]) => list.map((a) => a.id);

describe("asset detail", () => {
  it("shows the producing edit: prompt, model, credits, tokens, creator, inputs in order, sibling outputs", async () => {
    const owner = await seedUser({ name: "Owner" });
    const editor = await seedMember(owner.workspaceId);
    await db.user.update({ where: { id: editor.userId }, data: { name: "Eve Editor" } });
    const first = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, originalName: "a.png" });
    const second = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId });
    const { job, outputs } = await seedEdit({
      workspaceId: owner.workspaceId,
      userId: editor.userId,
      inputs: [second.id, first.id],
      outputs: 2,
      model: "gpt-image-1",
      prompt: "blend these at dusk",
      credits: 42,
      promptTokens: 1000,
      completionTokens: 250,
    });

    const detail = await getAssetDetail({ userId: owner.userId }, outputs[1]!.id);
    expect(detail).not.toBeNull();
    expect(detail!.role).toBe("owner");
    expect(detail!.asset).toMatchObject({ id: outputs[1]!.id, kind: "result", model: "gpt-image-1", creator: { id: editor.userId, name: "Eve Editor" } });
    expect(detail!.job).toMatchObject({
      id: job.id,
      prompt: "blend these at dusk",
      model: "gpt-image-1",
      status: "succeeded",
      credits: 42,
      promptTokens: 1000,
      completionTokens: 250,
      totalTokens: 1250,
      tokensBilled: true,
      creator: { id: editor.userId, name: "Eve Editor" },
    });
    expect(detail!.job!.inputs.map((i) => [i.position, i.assetId, i.asset?.id])).toEqual([
      [0, second.id, second.id],
      [1, first.id, first.id],
    ]);
    expect(ids(detail!.job!.outputs)).toEqual(ids(outputs));
    expect(detail!.job!.outputs[0]!.thumbUrl).toBe(`/api/files/${outputs[0]!.id}?thumb=1`);
  });

  it("says the offline model's token counts are not what it bills (the page leaves them out)", async () => {
    const owner = await seedUser();
    const upload = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId });
    const { outputs } = await seedEdit({
      workspaceId: owner.workspaceId,
      userId: owner.userId,
      inputs: [upload.id],
      model: "darkroom-local",
      promptTokens: 12,
      completionTokens: 3,
    });
    const detail = await getAssetDetail({ userId: owner.userId }, outputs[0]!.id);
    expect(detail!.job).toMatchObject({ model: "darkroom-local", promptTokens: 12, tokensBilled: false });
  });

  it("walks the lineage of a chain of three edits both ways, nearest first", async () => {
    const owner = await seedUser();
    const ws = owner.workspaceId;
    const upload = await seedAsset({ workspaceId: ws, createdById: owner.userId });
    const unrelated = await seedAsset({ workspaceId: ws, createdById: owner.userId });
    const r1 = (await seedEdit({ workspaceId: ws, userId: owner.userId, inputs: [upload.id] })).outputs[0]!;
    const r2 = (await seedEdit({ workspaceId: ws, userId: owner.userId, inputs: [r1.id, unrelated.id] })).outputs[0]!;
    const r3 = (await seedEdit({ workspaceId: ws, userId: owner.userId, inputs: [r2.id] })).outputs[0]!;
    const lineage = async (id: string) => {
      const { ancestors, descendants } = (await getAssetDetail({ userId: owner.userId }, id))!.lineage;
      return { ancestors: ancestors.map((a) => [a.id, a.depth]), descendants: descendants.map((a) => [a.id, a.depth]) };
    };

    expect(await lineage(upload.id)).toEqual({ ancestors: [], descendants: [[r1.id, 1], [r2.id, 2], [r3.id, 3]] });
    const middle = await lineage(r2.id);
    expect(middle.ancestors.slice(0, 2).map(([, depth]) => depth)).toEqual([1, 1]);
    expect(middle.ancestors.slice(0, 2).map(([id]) => id).sort()).toEqual([r1.id, unrelated.id].sort());
    expect(middle.ancestors[2]).toEqual([upload.id, 2]);
    expect(middle.descendants).toEqual([[r3.id, 1]]);
    const last = await lineage(r3.id);
    expect(last.ancestors.map(([, depth]) => depth)).toEqual([1, 2, 2, 3]);
    expect(last.ancestors[0]).toEqual([r2.id, 1]);
    expect(last.ancestors.at(-1)).toEqual([upload.id, 3]);
    expect(last.descendants).toEqual([]);
  });

  it("names each result's real sources: the offline model's one input per result, a combining model's every input", async () => {
    const owner = await seedUser();
    const ws = owner.workspaceId;
    const a = await seedAsset({ workspaceId: ws, createdById: owner.userId });
    const b = await seedAsset({ workspaceId: ws, createdById: owner.userId });
    const local = await seedEdit({ workspaceId: ws, userId: owner.userId, inputs: [a.id, b.id], outputs: 2, model: "darkroom-local" });
    const combined = await seedEdit({ workspaceId: ws, userId: owner.userId, inputs: [a.id, b.id], outputs: 1, model: "gpt-image-1" });
    const detail = async (id: string) => (await getAssetDetail({ userId: owner.userId }, id))!;

    for (const [i, output] of local.outputs.entries()) {
      const d = await detail(output.id);
      expect(ids(d.job!.sources)).toEqual([[a, b][i]!.id]);
      expect(ids(d.lineage.ancestors)).toEqual([[a, b][i]!.id]);
    }
    expect(ids((await detail(combined.outputs[0]!.id)).job!.sources)).toEqual([a.id, b.id]);
    // Downwards too: b fed the second local result and the combined one, not the first local result.
    expect(ids((await detail(b.id)).lineage.descendants).sort()).toEqual([local.outputs[1]!.id, combined.outputs[0]!.id].sort());
    expect((await detail(b.id)).lineage.edges).toContainEqual({ parentId: b.id, childId: local.outputs[1]!.id });
  });

  it("keeps a job's history when an input is deleted: the input shows as deleted and ends the lineage", async () => {
    const owner = await seedUser();
    const upload = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId });
    const result = (await seedEdit({ workspaceId: owner.workspaceId, userId: owner.userId, inputs: [upload.id] })).outputs[0]!;
    await db.asset.delete({ where: { id: upload.id } });
    const detail = await getAssetDetail({ userId: owner.userId }, result.id);
    expect(detail!.job!.inputs).toEqual([{ position: 0, assetId: upload.id, asset: null }]);
    expect(detail!.lineage.ancestors).toEqual([]);
  });

  it("is null for another workspace's image, a missing one and a malformed id", async () => {
    const owner = await seedUser();
    const outsider = await seedUser();
    const asset = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId });
    expect(await getAssetDetail({ userId: outsider.userId }, asset.id)).toBeNull();
    expect(await getAssetDetail({ userId: owner.userId }, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getAssetDetail({ userId: owner.userId }, "../etc/passwd")).toBeNull();
    const viewer = await seedMember(owner.workspaceId, "viewer");
    expect((await getAssetDetail({ userId: viewer.userId }, asset.id))?.role).toBe("viewer");
  });

  it("describes an upload without a job", async () => {
    const owner = await seedUser();
    const upload = await seedAsset({ workspaceId: owner.workspaceId, createdById: owner.userId, originalName: "holiday.png" });
    const detail = await getAssetDetail({ userId: owner.userId }, upload.id.toUpperCase());
    expect(detail).toMatchObject({ job: null, asset: { kind: "upload", originalName: "holiday.png", creator: { id: owner.userId } } });
  });
});
