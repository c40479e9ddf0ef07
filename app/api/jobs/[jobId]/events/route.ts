import { getCurrentUser } from "@/lib/auth/current-user";
import { getMemberJob } from "@/lib/jobs/get-member-job";
import { acquireJobStreamSlot } from "@/lib/jobs/job-stream-slots";
import { streamJobEvents } from "@/lib/jobs/stream-job-events";

export const dynamic = "force-dynamic";

// Server-sent events of one edit job, resumable with Last-Event-ID (EventSource sends it on reconnect).
export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to follow this edit." }, { status: 401 });
  const job = await getMemberJob({ userId: user.id }, (await params).jobId);
  if (!job) return Response.json({ error: "Not found" }, { status: 404 });
  const release = acquireJobStreamSlot(user.id);
  if (!release) {
    return Response.json(
      { error: "Too many edits are being followed at once: close other Darkroom tabs, or retry in a moment." },
      { status: 429, headers: { "retry-after": "5", "cache-control": "no-store" } },
    );
  }
  const url = new URL(request.url);
  const lastEventId = request.headers.get("last-event-id") ?? url.searchParams.get("after") ?? "0";
  return new Response(streamJobEvents(job.id, lastEventId, request.signal, release), {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
