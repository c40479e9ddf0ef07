import { spawn } from "node:child_process";
import path from "node:path";

export type CliResult = { code: number; stdout: string; stderr: string; json: unknown };

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs `npm run cli -- …` the way the package script does (tsx, react-server condition), in a child process. */
export function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      let json: unknown = undefined;
      try {
        json = JSON.parse(stdout);
      } catch {
        // not JSON: the test decides whether that is a failure
      }
      resolve({ code: code ?? 1, stdout, stderr, json });
    });
  });
}
