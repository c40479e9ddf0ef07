// Summarises a V8 .cpuprofile (node --cpu-prof): where the sampled time went, by function (self time), by
// file/package (self time) and by the functions that account for the most inclusive time.
import fs from "node:fs";
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type ProfileRow = { name: string; ms: number; share: number; callers?: ProfileRow[] };
export type ProfileSummary = {
  file: string;
  totalMs: number;
  idleMs: number;
  topSelf: ProfileRow[];
  topFiles: ProfileRow[];
  topInclusive: ProfileRow[];
};

function shortUrl(url: string, root: string): string {
  if (!url) return "";
  let u = url.replace(/^file:\/\//, "");
  if (u.startsWith(root)) u = path.relative(root, u);
  return u;
}

/** node_modules/<pkg> (scoped too), a Next build file, node: internals, or the file itself. */
function area(url: string): string {
  if (!url) return "(native/VM)";
  if (url.startsWith("node:")) return "node: internals";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) {
    const all = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
    return `node_modules/${all.at(-1)![1]}`;
  }
  return url;
}

function frameName(frame: CallFrame, root: string): string {
  const fn = frame.functionName || "(anonymous)";
  const url = shortUrl(frame.url, root);
  return url ? `${fn} ${url}:${frame.lineNumber + 1}` : fn;
}

function isInternal(frame: CallFrame): boolean {
  return !frame.url || frame.url.startsWith("node:") || frame.functionName === "(root)";
}

function top(map: Map<string, number>, totalMs: number, n: number): ProfileRow[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), share: totalMs > 0 ? ms / totalMs : 0 }));
}

/** Sample times are microseconds of the monotonic clock, as `process.hrtime.bigint() / 1000n` reads it. */
export type ProfileWindow = { fromUs: number; toUs: number };

/** Where time went; with `window`, only the samples taken in it (e.g. the load phase, not start-up). */
export function summariseCpuProfile(file: string, root: string, n = 15, window?: ProfileWindow): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Sample i covers the time until the next sample.
  // Samples are counted, not weighted by the gap to the next one: on a busy machine the process is often
  // descheduled between samples, and a long gap says nothing about the function that happened to run last.
  // Each sample stands for the average interval of the window.
  const counts = new Map<number, number>();
  let at = profile.startTime;
  let first = Infinity;
  let last = -Infinity;
  let taken = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    first = Math.min(first, at);
    last = Math.max(last, at);
    taken++;
    counts.set(profile.samples[i]!, (counts.get(profile.samples[i]!) ?? 0) + 1);
  }
  const usPerSample = taken > 1 ? (last - first) / (taken - 1) : 0;
  const selfUs = new Map([...counts].map(([id, n]) => [id, n * usPerSample]));

  const self = new Map<string, number>();
  const files = new Map<string, number>();
  const inclusive = new Map<string, number>();
  // For native and Node-internal leaf functions: the nearest caller in our code or a package.
  const callers = new Map<string, Map<string, number>>();
  let totalMs = 0;
  let idleMs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const ms = us / 1000;
    totalMs += ms;
    const { functionName, url } = node.callFrame;
    if (functionName === "(idle)") {
      idleMs += ms;
      continue;
    }
    const name = frameName(node.callFrame, root);
    self.set(name, (self.get(name) ?? 0) + ms);
    const fileKey = functionName.startsWith("(") && !url ? functionName : area(shortUrl(url, root));
    files.set(fileKey, (files.get(fileKey) ?? 0) + ms);
    let caller: number | undefined = parent.get(id);
    while (caller !== undefined && isInternal(byId.get(caller)!.callFrame)) caller = parent.get(caller);
    if (caller !== undefined) {
      const byCaller = callers.get(name) ?? new Map<string, number>();
      const callerName = frameName(byId.get(caller)!.callFrame, root);
      byCaller.set(callerName, (byCaller.get(callerName) ?? 0) + ms);
      callers.set(name, byCaller);
    }
    // Inclusive: every distinct frame on this node's stack gets the time once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      if (frame.functionName === "(root)") continue;
      const key = frameName(frame, root);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  const busyMs = totalMs - idleMs;
  const topSelf = top(self, busyMs, n);
  for (const row of topSelf.slice(0, 8)) {
    const byCaller = callers.get(row.name);
    if (byCaller && byCaller.size > 0 && !byCaller.has(row.name)) row.callers = top(byCaller, busyMs, 3);
  }
  return {
    file,
    totalMs: Math.round(totalMs),
    idleMs: Math.round(idleMs),
    topSelf,
    topFiles: top(files, busyMs, n),
    topInclusive: top(inclusive, busyMs, n),
  };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  const rows = (list: ProfileRow[]) =>
    list
      .map((r) => {
        const line = `  ${pct(r.share)} ${String(r.ms).padStart(7)} ms  ${r.name}`;
        const from = (r.callers ?? []).map((c) => `            ${pct(c.share)} from ${c.name}`);
        return [line, ...from].join("\n");
      })
      .join("\n");
  const busy = summary.totalMs - summary.idleMs;
  return [
    `profile ${summary.file}: ${summary.totalMs} ms sampled, ${busy} ms busy (${summary.idleMs} ms idle); shares are of busy time`,
    "top functions by self time:",
    rows(summary.topSelf),
    "top files/packages by self time:",
    rows(summary.topFiles),
    "top functions by inclusive time:",
    rows(summary.topInclusive),
  ].join("\n");
}
