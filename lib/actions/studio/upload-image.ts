"use server";

import { assetFileUrl } from "@/lib/assets/asset-urls";
import { uploadImageSchema } from "@/lib/assets/schemas";
import { uploadImage } from "@/lib/assets/upload-image";
import { isAppError } from "@/lib/errors/app-error";
import { ImageRejectedError } from "@/lib/images/image-rejected-error";
import type { FormState } from "../form-state";
import { workspaceAction } from "../workspace-action";

export type UploadedAsset = { id: string; width: number; height: number; thumbUrl: string; deduplicated: boolean };

export type UploadImageState = FormState & {
  asset?: UploadedAsset;
  /** The file itself was refused (type, size, pixels): the message says why; nothing was stored. */
  rejected?: boolean;
};

const upload = workspaceAction(
  { schema: uploadImageSchema, permission: "images.create" },
  async (input, { user, workspace }): Promise<UploadImageState> => {
    try {
      const asset = await uploadImage({ workspaceId: workspace.id, userId: user.id, file: input.file });
      return {
        status: "success",
        asset: { id: asset.id, width: asset.width, height: asset.height, thumbUrl: assetFileUrl(asset.id, { thumb: true }), deduplicated: asset.deduplicated },
      };
    } catch (error) {
      if (error instanceof ImageRejectedError) return { status: "error", rejected: true, message: error.message };
      // The quota and the upload rate speak for themselves (toFormState would say "too many attempts").
      if (isAppError(error) && (error.code === "rate_limited" || error.code === "conflict")) return { status: "error", message: error.message };
      throw error;
    }
  },
);

/** Uploads one file (FormData: `workspace`, `file`); the studio calls it once per file, so each has its own status. */
export async function uploadImageAction(formData: FormData): Promise<UploadImageState> {
  return upload(undefined, formData);
}
