// A real S3 server for tests: Ceph's RADOS Gateway on a throwaway one-node cluster (mon + memstore OSD + rgw)
// on loopback. Ports are chosen free, so several instances can run side by side. See
// ../shared/notes/s3-radosgw.md for why each setting is there.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { choosePort } from "../../../lib/db/embedded/free-port";
import { type Daemon, RadosgwError, run, startDaemon, stopPids, waitFor } from "./daemons";
import { startWatchdog } from "./start-watchdog";
import { writeClusterConfig } from "./write-cluster-config";

export type Radosgw = {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  /** The cluster's folder (ceph.conf, keyring, logs). */
  dir: string;
  conf: string;
  pids: number[];
  /** Stops our daemons (TERM, then KILL after 2 s) and deletes the folder if we created it. Idempotent. */
  stop(): Promise<void>;
};

export type StartRadosgwOptions = {
  /** Default: a new folder under the system temp dir, deleted by stop(). */
  dir?: string;
  /** The S3 port on 127.0.0.1. Default: a free one. */
  port?: number;
  /** The monitor's port. Default: a free one (Ceph's usual 3300 would allow one cluster per host). */
  monPort?: number;
  bucket?: string;
  /** Kill the daemons when this process exits (default true; the CLI's `start` leaves them running). */
  stopOnExit?: boolean;
};

export const RADOSGW_REGION = "us-east-1";

const freePort = (): Promise<number> => choosePort(null);

/** An S3 client configured the way radosgw needs (path-style, checksums only when required). */
export function radosgwClient(gw: Pick<Radosgw, "endpoint" | "region" | "accessKeyId" | "secretAccessKey">): S3Client {
  return new S3Client({
    endpoint: gw.endpoint,
    region: gw.region,
    forcePathStyle: true,
    credentials: { accessKeyId: gw.accessKeyId, secretAccessKey: gw.secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

export async function startRadosgw(options: StartRadosgwOptions = {}): Promise<Radosgw> {
  if (!fs.existsSync("/usr/bin/radosgw")) {
    throw new RadosgwError("radosgw is not installed: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd ceph-common");
  }
  const ownsDir = !options.dir;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-radosgw-"));
  const port = options.port ?? (await freePort());
  const daemons: Daemon[] = [];
  const started = (daemon: Daemon) => {
    daemons.push(daemon);
    fs.appendFileSync(path.join(dir, "pids"), `${daemon.pid}\n`);
    return daemon;
  };
  const stopOnExit = options.stopOnExit ?? true;
  const stopWatchdog = stopOnExit ? startWatchdog(dir, ownsDir) : () => {};
  const killOnExit = () =>
    daemons.forEach((d) => {
      try {
        process.kill(d.pid, "SIGKILL");
      } catch {
        // already gone
      }
    });
  if (stopOnExit) process.once("exit", killOnExit);
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      stopWatchdog();
      process.removeListener("exit", killOnExit);
      await stopPids(daemons.map((d) => d.pid));
      if (ownsDir) fs.rmSync(dir, { recursive: true, force: true });
    })());

  try {
    const paths = await writeClusterConfig(dir, { mon: options.monPort ?? (await freePort()), rgw: port });
    const c = ["-c", paths.conf];
    const ceph = (...args: string[]) => run("ceph", [...c, "--connect-timeout", "5", ...args]);
    const opts = (daemon: Daemon, timeoutMs?: number) => ({ daemon, logDir: paths.logDir, timeoutMs });

    const mon = started(startDaemon("mon.a", "ceph-mon", [...c, "-i", "a", "-f"], paths.logDir));
    await waitFor("monitor quorum", async () => JSON.parse(await ceph("quorum_status", "-f", "json")).quorum?.length === 1, opts(mon));

    const osdUuid = randomUUID();
    const id = (await ceph("osd", "new", osdUuid, "0")).trim();
    if (id !== "0") throw new RadosgwError(`ceph osd new returned "${id}", expected 0`);
    await run("ceph-osd", [...c, "-i", "0", "--mkfs", "--osd-uuid", osdUuid]);
    const osd = started(startDaemon("osd.0", "ceph-osd", [...c, "-i", "0", "-f"], paths.logDir));
    await waitFor("the OSD to be up", async () => JSON.parse(await ceph("osd", "stat", "-f", "json")).num_up_osds === 1, opts(osd));

    const rgw = started(startDaemon("client.rgw.a", "radosgw", [...c, "-n", "client.rgw.a", "-f"], paths.logDir));
    const endpoint = `http://127.0.0.1:${port}`;
    await waitFor(`an HTTP answer on ${endpoint}`, async () => (await fetch(endpoint, { signal: AbortSignal.timeout(2_000) })).status > 0, opts(rgw, 45_000));

    const accessKeyId = randomBytes(10).toString("hex").toUpperCase();
    const secretAccessKey = randomBytes(30).toString("base64url");
    await run("radosgw-admin", [...c, "user", "create", "--uid=test", "--display-name=test", `--access-key=${accessKeyId}`, `--secret=${secretAccessKey}`]);
    const gw = { endpoint, region: RADOSGW_REGION, accessKeyId, secretAccessKey };
    const bucket = options.bucket ?? "darkroom-test";
    const client = radosgwClient(gw);
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    } finally {
      client.destroy();
    }
    return { ...gw, bucket, dir, conf: paths.conf, pids: daemons.map((d) => d.pid), stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
