import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

/** `?download=1`: as an attachment; `?thumb=1`: the thumbnail instead of the full image. */
export const fileQuerySchema = z.object({ download: flag, thumb: flag });
