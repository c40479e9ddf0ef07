// The files of a one-node Ceph cluster for tests (see ../shared/notes/s3-radosgw.md): everything lives under
// one folder and listens on loopback only. Objects live in the OSD's memory (memstore) and vanish on stop.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { run } from "./daemons";

export type ClusterPaths = { dir: string; conf: string; keyring: string; logDir: string };

function cephConf(dir: string, fsid: string, monPort: number, rgwPort: number): string {
  const mon = `[v2:127.0.0.1:${monPort}]`;
  return `[global]
fsid = ${fsid}
mon host = ${mon}
public network = 127.0.0.0/8
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind ipv6 = false
ms bind msgr1 = false
# cephx stays on: with auth none, radosgw loops on "get_initial_auth_request returned -13".
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = ${dir}/keyring
run dir = ${dir}/run
crash dir = ${dir}/crash
admin socket = ${dir}/run/$name.asok
log file = ${dir}/log/$name.log
mon data = ${dir}/mon/$cluster-$id
osd data = ${dir}/osd/$cluster-$id
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
# The mon stops itself when its disk looks full; test machines often have little free space.
mon data avail warn = 5
mon data avail crit = 1
# Default 1 s: start-up takes ~12 s and the first bucket and put ~2 s each.
paxos propose interval = 0.1

[osd]
osd objectstore = memstore
memstore device bytes = 2147483648

[client.rgw.a]
# Without tcp_nodelay every GET costs ~47 ms instead of ~5 ms.
rgw frontends = beast endpoint=127.0.0.1:${rgwPort} tcp_nodelay=1
rgw thread pool size = 64
rgw data = ${dir}/rgw
`;
}

const KEYS: [name: string, caps: string[]][] = [
  ["client.admin", ["--cap", "mon", "allow *", "--cap", "osd", "allow *", "--cap", "mds", "allow *", "--cap", "mgr", "allow *"]],
  ["osd.0", ["--cap", "mon", "allow profile osd", "--cap", "osd", "allow *"]],
  ["client.rgw.a", ["--cap", "mon", "allow rw", "--cap", "osd", "allow rwx"]],
];

/** Writes ceph.conf, one keyring with every daemon's key, the monmap and the mon's store. */
export async function writeClusterConfig(dir: string, ports: { mon: number; rgw: number }): Promise<ClusterPaths> {
  const paths: ClusterPaths = {
    dir,
    conf: path.join(dir, "ceph.conf"),
    keyring: path.join(dir, "keyring"),
    logDir: path.join(dir, "log"),
  };
  for (const sub of ["run", "crash", "log", "mon", "osd/ceph-0", "rgw"]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const fsid = randomUUID();
  fs.writeFileSync(paths.conf, cephConf(dir, fsid, ports.mon, ports.rgw));

  // ceph-authtool wants the keyring path first; --create-keyring only on the first key.
  await run("ceph-authtool", [paths.keyring, "--create-keyring", "--gen-key", "-n", "mon.", "--cap", "mon", "allow *"]);
  for (const [name, caps] of KEYS) await run("ceph-authtool", [paths.keyring, "--gen-key", "-n", name, ...caps]);
  fs.chmodSync(paths.keyring, 0o600);

  const monmap = path.join(dir, "monmap");
  await run("monmaptool", ["--create", "--fsid", fsid, "--addv", "a", `[v2:127.0.0.1:${ports.mon}]`, monmap]);
  await run("ceph-mon", ["-c", paths.conf, "-i", "a", "--mkfs", "--monmap", monmap, "--keyring", paths.keyring]);
  return paths;
}
