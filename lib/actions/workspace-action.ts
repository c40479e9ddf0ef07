import "server-only";
import type { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors/app-error";
import { toFormState } from "@/lib/errors/to-form-state";
import { getMemberWorkspace, type MemberWorkspace } from "@/lib/workspaces/get-member-workspace";
import { can, type Permission } from "@/lib/workspaces/permissions";
import type { FormState } from "./form-state";

export type WorkspaceActionContext = { user: CurrentUser; workspace: MemberWorkspace };

type Config<S extends z.ZodType<{ workspace: string }>> = {
  /** Must have `workspace`: the slug the form sent, not yet checked (unverifiedWorkspaceSlug). */
  schema: S;
  permission: Permission;
  /** Fields whose every value is kept (checkbox groups); other fields keep their last value. */
  arrays?: readonly string[];
  /** Non-secret fields sent back on failure, so the form keeps what the person typed. */
  echo?: readonly string[];
  /**
   * Runs while the workspace is suspended. Only for a member's choice about themselves (leaving): everything
   * else that changes a workspace is refused then, so a suspended workspace is read-only.
   */
  whileSuspended?: true;
};

export const SUSPENDED_MESSAGE = "This workspace is suspended; it is read-only.";

function readForm(formData: FormData, arrays: readonly string[]): Record<string, unknown> {
  const raw: Record<string, unknown> = Object.fromEntries(formData.entries());
  for (const name of arrays) raw[name] = formData.getAll(name).filter((v) => typeof v === "string");
  return raw;
}

function echoed(raw: Record<string, unknown>, echo: readonly string[]): Record<string, string> {
  return Object.fromEntries(echo.map((k) => [k, Array.isArray(raw[k]) ? raw[k].join(",") : typeof raw[k] === "string" ? raw[k] : ""]));
}

/**
 * Builds a workspace form action: validate the input (zod) first, then find the signed-in user, their membership
 * of the workspace named by the form, the permission and that the workspace is not suspended; only then run
 * `handler`. Every failure, expected or
 * not, becomes a FormState through toFormState.
 */
export function workspaceAction<S extends z.ZodType<{ workspace: string }>, R extends FormState>(
  config: Config<S>,
  handler: (input: z.infer<S>, context: WorkspaceActionContext) => Promise<R>,
): (previous: unknown, formData: FormData) => Promise<R | FormState> {
  return async (_previous, formData) => {
    const raw = readForm(formData, config.arrays ?? []);
    const values = echoed(raw, config.echo ?? []);
    const parsed = config.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
      return { status: "error", message: "Please correct the fields below.", fieldErrors, values };
    }
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
      const workspace = await getMemberWorkspace({ userId: user.id }, parsed.data.workspace);
      if (!workspace) throw new AppError("not_found", "This workspace doesn't exist or you are no longer a member.");
      if (!can(workspace.membership.role, config.permission)) {
        throw new AppError("forbidden", "Your role in this workspace doesn't allow this.");
      }
      if (workspace.suspended && !config.whileSuspended) throw new AppError("forbidden", SUSPENDED_MESSAGE);
      return await handler(parsed.data, { user, workspace });
    } catch (error) {
      return toFormState(error, values);
    }
  };
}
