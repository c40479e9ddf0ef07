import type { z } from "zod";
import type { FormState } from "./form-state";

/** Validates FormData with a zod schema; on failure returns the field messages in FormState shape. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  echo: readonly string[] = [],
): { ok: true; data: z.infer<S> } | { ok: false; state: FormState } {
  const raw = Object.fromEntries(formData.entries());
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const values = Object.fromEntries(echo.map((k) => [k, typeof raw[k] === "string" ? (raw[k] as string) : ""]));
  return { ok: false, state: { status: "error", message: "Please correct the fields below.", fieldErrors, values } };
}
