import "server-only";
import type { z } from "zod";
import { findPlatformAdmin } from "@/lib/admin/find-platform-admin";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors/app-error";
import { toFormState } from "@/lib/errors/to-form-state";
import type { FormState } from "../form-state";

export type AdminActionContext = { admin: { id: string; email: string } };

type Config<S extends z.ZodType> = {
  schema: S;
  /** Non-secret fields sent back on failure, so the form keeps what the admin typed. */
  echo?: readonly string[];
};

/**
 * Builds a platform-admin form action: validate the input (zod) first, then find the signed-in user, then check
 * in the database that they are a platform admin; only then run `handler`. A non-admin learns nothing beyond
 * "not found". Every failure becomes a FormState through toFormState.
 */
export function adminAction<S extends z.ZodType, R extends FormState>(
  config: Config<S>,
  handler: (input: z.infer<S>, context: AdminActionContext) => Promise<R>,
): (previous: unknown, formData: FormData) => Promise<R | FormState> {
  return async (_previous, formData) => {
    const raw: Record<string, unknown> = Object.fromEntries(formData.entries());
    const values = Object.fromEntries((config.echo ?? []).map((k) => [k, typeof raw[k] === "string" ? raw[k] : ""]));
    const parsed = config.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
      return { status: "error", message: "Please correct the fields below.", fieldErrors, values };
    }
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
      const admin = await findPlatformAdmin(user.id);
      if (!admin) throw new AppError("not_found", "Not found.");
      return await handler(parsed.data, { admin });
    } catch (error) {
      return toFormState(error, values);
    }
  };
}
