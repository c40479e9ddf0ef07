import { AppError } from "@/lib/errors/app-error";
import { formatBytes } from "./format-bytes";

/** The workspace's storage quota would be exceeded: the message says by what and how to make room. */
export function storageFullError(input: { used: number; quota: number; adding?: number }): AppError {
  const what = input.adding ? `This image (${formatBytes(input.adding)}) doesn't fit` : "There's no room for new images";
  return new AppError(
    "conflict",
    `${what}: the workspace stores ${formatBytes(input.used)} of its ${formatBytes(input.quota)}. Delete images in the gallery to make room.`,
  );
}
