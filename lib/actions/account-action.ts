import "server-only";
import type { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors/app-error";
import { toFormState } from "@/lib/errors/to-form-state";
import type { FormState } from "./form-state";
import { parseForm } from "./parse-form";

/**
 * Builds an account-page form action: validate the input (zod) first, then find the signed-in person; only then
 * run `handler` for them. Every failure becomes a FormState through toFormState.
 */
export function accountAction<S extends z.ZodType>(
  config: { schema: S; echo?: readonly string[] },
  handler: (input: z.infer<S>, user: CurrentUser) => Promise<FormState>,
): (previous: unknown, formData: FormData) => Promise<FormState> {
  return async (_previous, formData) => {
    const parsed = parseForm(config.schema, formData, config.echo ?? []);
    if (!parsed.ok) return parsed.state;
    const values = Object.fromEntries((config.echo ?? []).map((k) => [k, String(formData.get(k) ?? "")]));
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
      return await handler(parsed.data, user);
    } catch (error) {
      return toFormState(error, values);
    }
  };
}
