import { getCurrentUser } from "@/lib/auth/current-user";
import { contentDisposition } from "@/lib/storage/content-disposition";
import { acquireUsageExportSlot } from "@/lib/usage/acquire-usage-export-slot";
import { getUsageScope } from "@/lib/usage/get-usage-scope";
import { resolveUsageRange } from "@/lib/usage/resolve-usage-range";
import { firstValues, usageSearchSchema } from "@/lib/usage/schemas";
import { streamUsageCsv } from "@/lib/usage/stream-usage-csv";
import { z } from "zod";

export const dynamic = "force-dynamic";

function error(status: 400 | 401 | 404 | 429, code: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

const workspaceSchema = z.string().trim().min(1).max(64);

/**
 * The Usage page's filtered records as CSV (the same filters and rows as its table), streamed from the database
 * page by page: members get their own records only, admins everyone's.
 */
export async function GET(request: Request) {
  const params = firstValues(Object.fromEntries(new URL(request.url).searchParams));
  const workspace = workspaceSchema.safeParse(params.workspace);
  if (!workspace.success) return error(400, "invalid_input", "Name the workspace to export");
  const search = usageSearchSchema.parse(params);

  const user = await getCurrentUser();
  if (!user) return error(401, "unauthenticated", "Sign in to export usage");
  const scope = await getUsageScope({ userId: user.id }, workspace.data);
  if (!scope) return error(404, "not_found", "No such workspace");

  const release = acquireUsageExportSlot(user.id);
  if (!release) {
    return error(429, "rate_limited", "Two exports are already running for you: wait for one to finish.", { "retry-after": "5" });
  }
  let rows: AsyncGenerator<string>;
  try {
    const range = await resolveUsageRange(search.range, search.tz, search.bucket);
    rows = streamUsageCsv(scope, search, range);
  } catch (cause) {
    release();
    throw cause;
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>(
    {
      // Pull: the next page is read only when the browser has taken the previous one, so memory stays flat.
      async pull(controller) {
        try {
          const { value, done } = await rows.next();
          if (done) {
            release();
            controller.close();
          } else controller.enqueue(encoder.encode(value));
        } catch (cause) {
          release();
          controller.error(cause);
        }
      },
      async cancel() {
        try {
          await rows.return(undefined);
        } finally {
          release();
        }
      },
    },
    // One chunk (one page of records) read ahead at most.
    { highWaterMark: 0 },
  );
  const name = `darkroom-${scope.slug}-usage-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": contentDisposition("attachment", name),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
