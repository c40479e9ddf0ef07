// Next.js calls register() once when a server instance starts: the place for per-instance background work.
// NEXT_RUNTIME and NEXT_PHASE are set by Next.js itself, not by whoever deploys Darkroom, so they are read here
// rather than through lib/env: importing lib/env at the top would also run it in the edge runtime and during
// `next build`, exactly what this check keeps the background work out of.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startBackgroundWork } = await import("./lib/server/start-background-work");
    startBackgroundWork();
  }
}
