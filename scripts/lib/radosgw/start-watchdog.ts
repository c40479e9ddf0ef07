import { spawn } from "node:child_process";

// If the process that started the cluster dies without stopping it (a test worker killed on timeout, a crash),
// nothing would stop the daemons. This shell loop outlives it and then stops exactly the PIDs recorded in
// `<dir>/pids`: TERM, KILL 2 s later, then deletes the folder when it was a throwaway one.
const SCRIPT = `
owner=$1 dir=$2 remove=$3
while kill -0 "$owner" 2>/dev/null; do sleep 0.5; done
pids=$(cat "$dir/pids" 2>/dev/null)
if [ -n "$pids" ]; then
  kill -TERM $pids 2>/dev/null
  sleep 2
  kill -KILL $pids 2>/dev/null
fi
[ "$remove" = 1 ] && rm -rf "$dir"
`;

/** Returns the watchdog's stop: call it before stopping the cluster normally. */
export function startWatchdog(dir: string, removeDir: boolean): () => void {
  const child = spawn("sh", ["-c", SCRIPT, "watchdog", String(process.pid), dir, removeDir ? "1" : "0"], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();
  return () => {
    try {
      if (child.exitCode === null) child.kill("SIGKILL");
    } catch {
      // already gone
    }
  };
}
