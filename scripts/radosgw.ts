// A local S3 server for development and manual checks: `npm run radosgw -- start [--dir D] [--port P]` starts
// Ceph's radosgw on a throwaway one-node cluster and prints the S3_* settings to use; `npm run radosgw -- stop
// [--dir D]` stops exactly the daemons that start recorded and deletes the folder. Objects live in memory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isOurProcess, stopPids } from "./lib/radosgw/daemons";
import { startRadosgw } from "./lib/radosgw/start-radosgw";

type State = { pids: number[]; conf: string; endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string };

const USAGE = "usage: npm run radosgw -- start|stop [--dir DIR] [--port PORT] [--bucket NAME]";

function readState(file: string): State | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as State;
  } catch {
    return null;
  }
}

function livePids(state: State | null): number[] {
  return state ? state.pids.filter((pid) => isOurProcess(pid, state.conf)) : [];
}

async function start(dir: string, port: number | undefined, bucket: string | undefined): Promise<void> {
  const stateFile = path.join(dir, "state.json");
  if (livePids(readState(stateFile)).length) throw new Error(`already running in ${dir}: stop it first`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const gw = await startRadosgw({ dir, port, bucket, stopOnExit: false });
  const { endpoint, region, accessKeyId, secretAccessKey, pids, conf } = gw;
  const state: State = { pids, conf, endpoint, region, bucket: gw.bucket, accessKeyId, secretAccessKey };
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  process.stderr.write(`radosgw ready at ${endpoint} (pids ${pids.join(", ")}; folder ${dir})\n`);
  process.stdout.write(
    [
      "STORAGE_DRIVER=s3",
      `S3_ENDPOINT=${endpoint}`,
      `S3_REGION=${region}`,
      `S3_BUCKET=${gw.bucket}`,
      `S3_ACCESS_KEY_ID=${accessKeyId}`,
      `S3_SECRET_ACCESS_KEY=${secretAccessKey}`,
      "S3_FORCE_PATH_STYLE=true",
      "",
    ].join("\n"),
  );
}

async function stop(dir: string): Promise<void> {
  const state = readState(path.join(dir, "state.json"));
  if (!state) {
    process.stderr.write(`nothing recorded in ${dir}\n`);
    return;
  }
  // Only PIDs whose command line still names our ceph.conf: a recycled PID is someone else's process.
  await stopPids(livePids(state));
  fs.rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`radosgw stopped (folder ${dir} deleted)\n`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { dir: { type: "string" }, port: { type: "string" }, bucket: { type: "string" } },
  });
  const dir = path.resolve(values.dir ?? path.join(os.tmpdir(), "darkroom-radosgw"));
  const port = values.port ? Number(values.port) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error(`invalid --port ${values.port}`);
  const [command, ...extra] = positionals;
  if (extra.length) throw new Error(USAGE);
  if (command === "start") return start(dir, port, values.bucket);
  if (command === "stop") return stop(dir);
  throw new Error(USAGE);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
