import { z } from "zod";

export const uploadImageSchema = z.object({
  workspace: z.string().trim().min(1).max(100),
  file: z.instanceof(File, { message: "Choose an image to upload." }),
});
