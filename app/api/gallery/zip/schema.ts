import { z } from "zod";

/** A form post from the gallery's selection bar: the workspace slug and the selected image ids. */
export const zipRequestSchema = z.object({
  workspace: z.string().min(1).max(64),
  ids: z.array(z.string().uuid()).min(1).max(200),
});

/** 200 ids as a urlencoded or multipart form, with room to spare (each id is 36 characters plus its field). */
export const ZIP_FORM_MAX_BYTES = 64 * 1024;
