// The settlement journal (lib/billing/settlement-journal.ts): what a restart replays is exactly the entries never
// marked done, a torn last line is skipped, and a start-up takes over the files of dead processes only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import type { Settlement } from "@/lib/billing/settle";

// The journal lives under DATA_DIR. In `npm test` every file shares the run's DATA_DIR with the servers other files
// start, and those leave journals of their own when they exit; so this file takes a folder of its own, set before
// the environment is parsed (hence the dynamic imports).
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "darkroom-journal-test-"));
const { claimOrphanJournals, journalSettled, journalSettlement, readPendingEntries } = await import("@/lib/billing/settlement-journal");
const { env } = await import("@/lib/env");

const settlement = (holdId: string): Settlement => ({
  holdId,
  charge: 7,
  holdStatus: "settled",
  usageStatus: "succeeded",
  promptTokens: 1,
  completionTokens: 2,
  totalTokens: 3,
  usageSource: "upstream",
  images: 1,
  latencyMs: 10,
  upstreamId: "chatcmpl-1",
});

const dir = () => path.join(env.DATA_DIR, "settlements");

it("keeps the entries not marked done; a dead process's file is claimed once, a live one's never", () => {
  const a = journalSettlement({ requestId: "req_a", settlement: settlement("hold-a") });
  journalSettlement({ requestId: "req_b", settlement: settlement("hold-b") });
  journalSettled(a);
  const own = a.segment.file;
  expect(readPendingEntries(own)).toEqual([{ requestId: "req_b", settlement: settlement("hold-b") }]);

  // A file left by a process that is gone (pid 2^22 + 1 is above Linux's pid_max), with a torn last line.
  const dead = path.join(dir(), "journal-4194305-0badc0de-s0.jsonl");
  fs.writeFileSync(dead, `${JSON.stringify({ op: "settle", id: 1, requestId: "req_c", s: settlement("hold-c") })}\n{"op":"sett`);
  // And one of a live process (this test runner's parent).
  const live = path.join(dir(), `journal-${process.ppid}-feedf00d-s0.jsonl`);
  fs.writeFileSync(live, "");

  const claimed = claimOrphanJournals();
  expect(claimed).toHaveLength(1);
  expect(readPendingEntries(claimed[0]!)).toEqual([{ requestId: "req_c", settlement: settlement("hold-c") }]);
  expect(fs.existsSync(dead)).toBe(false);
  expect(fs.existsSync(live)).toBe(true);
  expect(fs.existsSync(own)).toBe(true);
  expect(claimOrphanJournals()).toEqual([]); // claimed files are this process's now
  fs.rmSync(live);
});
