// Timing whole HTTP requests against Darkroom's production server, as a signed-in browser would make them.
import fs from "node:fs";

/** Signs in with Auth.js's credentials callback, as a browser's form would; returns the Cookie header. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${url}/` }),
  });
  keep(callback);
  if (![...jar.keys()].some((name) => name.endsWith("authjs.session-token"))) {
    throw new Error(`sign-in failed: ${callback.status} ${callback.headers.get("location")}`);
  }
  return header();
}

export type Stats = {
  name: string;
  /** Context only (not a gallery request): left out of PASS/FAIL. */
  baseline?: boolean;
  url: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  bytes: number;
  /** The server process's CPU time per request (user + system): what the request costs, whatever else runs. */
  serverCpuMs: number;
  pass: boolean;
};

/** User + system CPU seconds of a process and its threads so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** `requests` sequential whole requests (status, headers and the full body) after a warm-up. */
export async function measure(
  name: string,
  url: string,
  options: { cookie: string; serverPid: number; requests: number; warmup: number; targetP95Ms: number; check: (body: string) => void },
): Promise<Stats> {
  const { cookie, serverPid, check } = options;
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status} for ${url}`);
    return { ms, body };
  };
  for (let i = 0; i < options.warmup; i++) check((await once()).body);
  const times: number[] = [];
  let bytes = 0;
  const cpuBefore = cpuSeconds(serverPid);
  for (let i = 0; i < options.requests; i++) {
    const { ms, body } = await once();
    times.push(ms);
    bytes = body.length;
  }
  const serverCpuMs = ((cpuSeconds(serverPid) - cpuBefore) * 1000) / options.requests;
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  return { name, url, n: options.requests, p50: percentile(times, 50), p95, p99: percentile(times, 99), max: times.at(-1)!, bytes, serverCpuMs, pass: p95 <= options.targetP95Ms };
}
