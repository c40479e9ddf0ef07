import "server-only";
import { findPlatformAdmin } from "@/lib/admin/find-platform-admin";
import { AppError } from "@/lib/errors/app-error";

/** The caller of a platform-usage query, as the admin pages and actions hold it. */
export type PlatformCaller = { id: string };

/**
 * Every platform-usage function re-checks, in the database, that its caller is still an enabled platform admin
 * (a page's earlier check may be stale by the time a query runs); anyone else gets "not found", as the pages answer.
 */
export async function assertPlatformAdmin(caller: PlatformCaller): Promise<void> {
  if (!(await findPlatformAdmin(caller.id))) throw new AppError("not_found", "Not found.");
}
