// The caller sent something darkroom-local cannot work on. The gateway answers it with 400
// invalid_request_error, and the message is written to be shown to the caller as is.

export type LocalModelInputErrorCode =
  | "invalid_image_url"
  | "unsupported_image"
  | "image_too_large"
  | "too_many_images"
  | "output_too_large";

export class LocalModelInputError extends Error {
  override readonly name = "LocalModelInputError";
  readonly status = 400;
  readonly type = "invalid_request_error";

  constructor(
    readonly code: LocalModelInputErrorCode,
    message: string,
    /** Path of the offending field in the request body, e.g. `messages[0].content[1].image_url.url`. */
    readonly param: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
