// Next.js calls register() once when a server instance starts: the place for per-instance background work.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startBackgroundWork } = await import("./lib/server/start-background-work");
    startBackgroundWork();
  }
}
