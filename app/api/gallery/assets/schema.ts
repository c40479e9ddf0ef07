import { z } from "zod";
import { decodeKeysetCursor } from "@/lib/db/keyset-cursor";
import { galleryFiltersSchema } from "@/lib/gallery/schemas";

/** `?workspace=<slug>&cursor=<nextCursor>` plus the gallery's filters; unlike the page, a bad cursor is a 400. */
export const galleryPageQuerySchema = z
  .object({
    workspace: z.string().min(1).max(64),
    cursor: z
      .string()
      .refine((v) => decodeKeysetCursor(v) !== null, "not a cursor")
      .optional(),
  })
  .and(galleryFiltersSchema);
