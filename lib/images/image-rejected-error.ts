import { AppError } from "@/lib/errors/app-error";

export type ImageRejectionCode = "too_large" | "too_many_pixels" | "unsupported_type" | "corrupt";

export const ACCEPTED_TYPES_TEXT = "PNG, JPEG, WebP or GIF";

const MiB = 1024 * 1024;
const KiB = 1024;

// The file's size is rounded up and the limit down, so a file just over the limit never reads as equal to it.
const up = (n: number) => String(Math.ceil(n * 10) / 10);
const down = (n: number) => String(Math.floor(n * 10) / 10);

export function formatFileSize(bytes: number, round: "up" | "down" = "up"): string {
  const fmt = round === "up" ? up : down;
  if (bytes >= MiB) return `${fmt(bytes / MiB)} MB`;
  if (bytes >= KiB) return `${fmt(bytes / KiB)} KB`;
  return `${bytes} bytes`;
}

export function formatMegapixels(pixels: number, round: "up" | "down" = "up"): string {
  return `${(round === "up" ? up : down)(pixels / 1_000_000)} MP`;
}

/** How a file is named in a message: its (client-supplied) name in quotes, or a generic phrase. */
export function describeFile(name: string | undefined, fallback: "This file" | "This image"): string {
  // Control characters and bidi overrides could make the sentence lie about the name; long names are cut.
  const clean = name?.replace(/[\p{Cc}\p{Cf}]/gu, "").trim();
  if (!clean) return fallback;
  return `“${clean.length > 60 ? `${clean.slice(0, 59)}…` : clean}”`;
}

/**
 * An upload or a model result that is not accepted. The message is written for the person who sent the file
 * and names the accepted types or the limit; nothing has been stored when this is thrown.
 */
export class ImageRejectedError extends Error {
  override name = "ImageRejectedError";
  readonly expose = true;

  constructor(
    readonly code: ImageRejectionCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The product-wide error (400, message shown as is), for doorways that map AppError in one place. */
  toAppError(field?: string): AppError {
    return new AppError("invalid_input", this.message, { expose: true, field, cause: this });
  }
}

export function tooLargeError(name: string | undefined, bytes: number | undefined, maxBytes: number) {
  const limit = formatFileSize(maxBytes, "down");
  const message =
    bytes === undefined
      ? `${describeFile(name, "This image")} is larger than the limit of ${limit}.`
      : `${describeFile(name, "This file")} is ${formatFileSize(bytes)}; the limit is ${limit}.`;
  return new ImageRejectedError("too_large", message);
}

export function tooManyPixelsError(name: string | undefined, width: number, height: number, maxPixels: number) {
  return new ImageRejectedError(
    "too_many_pixels",
    `${describeFile(name, "This image")} is ${width} × ${height} pixels (${formatMegapixels(width * height)}); ` +
      `the limit is ${formatMegapixels(maxPixels, "down")}.`,
  );
}

export function unsupportedTypeError(name: string | undefined) {
  return new ImageRejectedError(
    "unsupported_type",
    `${describeFile(name, "This file")} isn't a supported image. Use ${ACCEPTED_TYPES_TEXT}.`,
  );
}

export function corruptError(name: string | undefined, cause?: unknown) {
  return new ImageRejectedError(
    "corrupt",
    `${describeFile(name, "This image")} couldn't be read; it may be damaged or incomplete. ` +
      `Try saving it again as ${ACCEPTED_TYPES_TEXT}.`,
    { cause },
  );
}
