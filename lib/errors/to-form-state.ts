import "server-only";
import { unstable_rethrow } from "next/navigation";
import { logger } from "@/lib/log/logger";
import type { FormState } from "@/lib/actions/form-state";
import { isAppError } from "./app-error";

/**
 * The one place a server action's error becomes what the person sees. Messages written for people are
 * shown as they are; anything else is logged and replaced by a generic sentence, so internals never leak.
 */
export function toFormState(error: unknown, values?: Record<string, string>): FormState {
  // Next's redirect() and notFound() work by throwing; they must keep travelling.
  unstable_rethrow(error);
  if (isAppError(error) && error.expose) {
    const field = error.options.field;
    if (error.code === "rate_limited") {
      const minutes = Math.max(1, Math.ceil((error.options.retryAfterSeconds ?? 60) / 60));
      return { status: "error", message: `${error.message}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, values };
    }
    return field
      ? { status: "error", fieldErrors: { [field]: [error.message] }, values }
      : { status: "error", message: error.message, values };
  }
  logger.error({ err: error }, "server action failed");
  return { status: "error", message: "Something went wrong on our side. Please try again.", values };
}
