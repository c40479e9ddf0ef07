import { isAppError } from "@/lib/errors/app-error";

export type Refusable<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A dashboard view the rollups can't answer exactly (a filter and breakdown that don't combine) is refused with a
 * sentence to show (AppError "invalid_input"): the page shows it in place of that view, and every other view still
 * renders. Anything else is a real failure and goes to the error boundary.
 */
export async function refusable<T>(work: Promise<T>): Promise<Refusable<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_input") return { ok: false, message: error.message };
    throw error;
  }
}
