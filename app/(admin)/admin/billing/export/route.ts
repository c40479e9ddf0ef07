import { findPlatformAdmin } from "@/lib/admin/find-platform-admin";
import { getCurrentUser } from "@/lib/auth/current-user";
import { exportUsage } from "@/lib/billing/export-usage";
import { formatUsageExport } from "@/lib/billing/format-usage-export";
import { billingExportSchema } from "@/lib/billing/schemas";
import { takeExportSlot } from "@/lib/billing/take-export-slot";
import { isAppError } from "@/lib/errors/app-error";
import { textStream } from "@/lib/http/text-stream";
import { logger } from "@/lib/log/logger";
import { contentDisposition } from "@/lib/storage/content-disposition";

export const dynamic = "force-dynamic";

function error(status: 400 | 404 | 429, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

const TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

/**
 * Usage records of a period (and optionally one workspace) as CSV or one JSON array, for platform admins:
 * the `usage:export` code path (exportUsage → formatUsageExport), streamed as the client reads it. Anyone
 * else gets the console's not-found, before anything is read.
 */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  const admin = user ? await findPlatformAdmin(user.id) : null;
  if (!admin) return error(404, "Not found.");
  const parsed = billingExportSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return error(400, parsed.error.issues.map((i) => i.message).join("; "));
  const { workspace, format, period } = parsed.data;
  let pages;
  try {
    pages = await exportUsage({ workspaceSlug: workspace, since: period.since, until: period.until }, format);
  } catch (cause) {
    if (isAppError(cause) && cause.code === "not_found") return error(404, `No workspace with slug ${workspace}`);
    throw cause;
  }
  const chunks = takeExportSlot(formatUsageExport(pages, format));
  if (!chunks) return error(429, "Two exports are already running on this server; try again when one has finished.", { "retry-after": "30" });
  logger.info({ adminId: admin.id, workspace: workspace ?? null, period: period.label, format }, "usage export started");
  const name = `darkroom-usage-${workspace ?? "all"}-${period.label}.${format}`;
  return new Response(textStream(chunks), {
    headers: {
      "content-type": TYPES[format],
      "content-disposition": contentDisposition("attachment", name),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
