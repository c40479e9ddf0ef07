// Liveness: answers as long as the process serves requests, without touching the database or anything else
// (readiness, which checks the database, is /api/health). Load balancers and uptime monitors can poll it cheaply.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
