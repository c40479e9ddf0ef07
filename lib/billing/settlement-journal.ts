import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isPidAlive } from "@/lib/db/embedded/processes";
import { env } from "@/lib/env";
import type { Settlement } from "./settle";

// Why a file and not the database or memory: a delivered call's outcome has to outlive the very thing that may
// be down (PostgreSQL) and a restart of this process, so it lives in an append-only journal under DATA_DIR, one
// file per process. Every settlement is written here before it goes to the database, and marked done once
// committed; a start-up replays the entries of dead processes that were never marked done. Replaying is safe
// because darkroom_settle only closes an open hold: an entry applied twice charges once.
//
// Writes are synchronous appends of one short line (into the page cache: a process crash cannot lose them),
// and an fdatasync follows in the background, one at a time, covering every line written before it (a machine
// crash loses at most the last few milliseconds). Settling never waits for the disk.

export type JournalEntry = { requestId: string; settlement: Settlement };

type Line = { op: "settle"; requestId: string; s: Settlement } | { op: "done"; hold: string };

const ROTATE_BYTES = 4 * 1024 * 1024;

type Journal = {
  dir: string;
  file: string;
  fd: number;
  bytes: number;
  pending: Set<string>;
  syncing: boolean;
  dirty: boolean;
};

const globals = globalThis as typeof globalThis & { __darkroomSettlementJournal?: Journal; __darkroomJournalToken?: string };

/** This process's token: files named with it are this incarnation's own, whatever its pid. */
function token(): string {
  return (globals.__darkroomJournalToken ??= randomBytes(4).toString("hex"));
}

function journalDir(): string {
  return path.join(env.DATA_DIR, "settlements");
}

function open(): Journal {
  if (globals.__darkroomSettlementJournal) return globals.__darkroomSettlementJournal;
  const dir = journalDir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `journal-${process.pid}-${token()}.jsonl`);
  const fd = fs.openSync(file, "a");
  const journal: Journal = { dir, file, fd, bytes: fs.fstatSync(fd).size, pending: new Set(), syncing: false, dirty: false };
  globals.__darkroomSettlementJournal = journal;
  return journal;
}

function sync(journal: Journal): void {
  if (journal.syncing) {
    journal.dirty = true;
    return;
  }
  journal.syncing = true;
  journal.dirty = false;
  fs.fdatasync(journal.fd, () => {
    journal.syncing = false;
    if (journal.dirty) sync(journal);
  });
}

function write(journal: Journal, line: Line): void {
  const text = `${JSON.stringify(line)}\n`;
  fs.writeSync(journal.fd, text);
  journal.bytes += Buffer.byteLength(text);
  sync(journal);
}

/** Records a settlement about to be applied (before the database sees it). */
export function journalSettlement(entry: JournalEntry): void {
  const journal = open();
  journal.pending.add(entry.settlement.holdId);
  write(journal, { op: "settle", requestId: entry.requestId, s: entry.settlement });
}

/** Marks a settlement as committed (or found already closed); the file starts over once nothing is pending. */
export function journalSettled(holdId: string): void {
  const journal = open();
  if (!journal.pending.delete(holdId)) return;
  if (journal.pending.size === 0 && journal.bytes > ROTATE_BYTES) {
    fs.ftruncateSync(journal.fd, 0); // O_APPEND: the next line goes to the new end
    journal.bytes = 0;
    return;
  }
  write(journal, { op: "done", hold: holdId });
}

/** Entries never marked done in a journal file (a torn last line, from a crash mid-write, is skipped). */
export function readPendingEntries(file: string): JournalEntry[] {
  const pending = new Map<string, JournalEntry>();
  for (const text of fs.readFileSync(file, "utf8").split("\n")) {
    if (!text) continue;
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      continue;
    }
    if (line.op === "settle") pending.set(line.s.holdId, { requestId: line.requestId, settlement: line.s });
    else pending.delete(line.hold);
  }
  return [...pending.values()];
}

const NAME = /^journal-(\d+)-([0-9a-f]+)(?:-r\d+)?\.jsonl$/;

/**
 * Takes over the journals of processes that are gone (a dead pid, or this pid under another token: a container
 * restarted with the same pid). Each is renamed under this process's name first, so two processes starting
 * together never replay the same file, and a crash mid-replay leaves it to the next start. Returns the files.
 */
export function claimOrphanJournals(): string[] {
  const dir = journalDir();
  if (!fs.existsSync(dir)) return [];
  const claimed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const match = NAME.exec(name);
    if (!match || match[2] === token()) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && isPidAlive(pid)) continue;
    const target = path.join(dir, `journal-${process.pid}-${token()}-r${claimed.length}${Date.now()}.jsonl`);
    try {
      fs.renameSync(path.join(dir, name), target);
      claimed.push(target);
    } catch {
      // another process claimed it first
    }
  }
  return claimed;
}
