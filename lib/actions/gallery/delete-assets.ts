"use server";

import { revalidatePath } from "next/cache";
import { deleteAssets } from "@/lib/gallery/delete-assets";
import { deleteAssetsSchema } from "@/lib/gallery/schemas";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

export type DeleteAssetsState = FormState & { deletedIds?: string[] };

// Any member may ask; lib/gallery/delete-assets decides per image (creator, or "images.delete_any").
const remove = workspaceAction(
  { schema: deleteAssetsSchema, permission: "workspace.view", arrays: ["ids"] },
  async (input, { user, workspace }) => {
    const { deletedIds } = await deleteAssets({ userId: user.id, workspaceId: workspace.id }, input.ids);
    revalidatePath(`/${workspace.slug}/gallery`, "layout");
    const message = `Deleted ${deletedIds.length} image${deletedIds.length === 1 ? "" : "s"}.`;
    return { status: "success", message, deletedIds } satisfies DeleteAssetsState;
  },
);

export async function deleteAssetsAction(previous: DeleteAssetsState, formData: FormData): Promise<DeleteAssetsState> {
  return remove(previous, formData);
}
