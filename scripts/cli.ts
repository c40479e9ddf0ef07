// Darkroom's bootstrap CLI: `npm run cli -- <command> [flags] [--json]`.
// With --json, stdout carries exactly one JSON document; every log (the embedded database's too) goes to
// stderr. Errors exit non-zero with a one-line reason.
import { once } from "node:events";
import { parseArgs } from "node:util";
import { COMMANDS } from "./cli/commands";
import { UsageError } from "./cli/command";

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes("--json");
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    const list = Object.keys(COMMANDS).join(", ");
    return fail(json, name ? `unknown command ${name} (commands: ${list})` : `usage: npm run cli -- <command> [--json] (commands: ${list})`);
  }
  const command = await load();
  let flags: Record<string, string | boolean | undefined>;
  try {
    ({ values: flags } = parseArgs({ args: rest, options: { ...command.options, json: { type: "boolean" } }, strict: true, allowPositionals: false }));
    const missing = (command.required ?? []).filter((f) => flags[f] === undefined || flags[f] === "");
    if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(", ")}`);
  } catch (error) {
    return fail(json, (error as Error).message, `usage: npm run cli -- ${command.usage} [--json]`);
  }

  const { ensureDatabase } = await import("@/lib/db/ensure-database");
  const database = await ensureDatabase({ log: (line: string) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`) });
  process.env.DATABASE_URL = database.url;
  try {
    const result = await command.run(flags);
    if (command.streams) {
      await writeChunks(result as AsyncIterable<string | Uint8Array>);
      return 0;
    }
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${command.human?.(result as never) ?? JSON.stringify(result, null, 2)}\n`);
    return command.exitCode?.(result as never) ?? 0;
  } catch (error) {
    return fail(json, error instanceof Error ? error.message : String(error));
  } finally {
    const { closeDb } = await import("@/lib/db/client");
    await closeDb();
    await database.stop();
  }
}

async function writeChunks(chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
  for await (const chunk of chunks) {
    if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
  }
}

// One line whatever failed: a library's multi-line message (Prisma's starts with a blank line) would otherwise
// give an empty `{"error":""}`.
function fail(json: boolean, reason: string, usage?: string): number {
  const oneLine = reason.split("\n").map((line) => line.trim()).find(Boolean) ?? "failed";
  if (json) process.stdout.write(`${JSON.stringify({ error: oneLine })}\n`);
  process.stderr.write(`error: ${oneLine}\n${usage ? `${usage}\n` : ""}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
