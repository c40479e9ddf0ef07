import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isPidAlive } from "@/lib/db/embedded/processes";
import { env } from "@/lib/env";
import type { Settlement } from "./settle";

// Why a file and not the database or memory: a delivered call's outcome has to outlive the very thing that may
// be down (PostgreSQL) and a restart of this process, so it lives in an append-only journal under DATA_DIR, owned
// by one process. Every settlement is written here before it goes to the database, and marked done once
// committed; a start-up replays the entries of dead processes that were never marked done. Replaying is safe
// because darkroom_settle only closes an open hold: an entry applied twice charges once.
//
// Writes are synchronous appends of one short line (into the page cache: a process crash cannot lose them),
// and an fdatasync follows in the background, one at a time, covering every line written before it (a machine
// crash loses at most the last few milliseconds). Settling never waits for the disk. The journal is a series of
// segment files: past ROTATE_BYTES the next entry opens a new one, and a segment none of whose entries is still
// pending is deleted, so the files stay small under constant load.

export type JournalEntry = { requestId: string; settlement: Settlement };

type Line = { op: "settle"; id: number; requestId: string; s: Settlement } | { op: "done"; id: number };

const ROTATE_BYTES = 4 * 1024 * 1024;

type Segment = { file: string; fd: number; bytes: number; pending: number; syncing: boolean; dirty: boolean };

/** A journaled settlement, to mark done once committed. */
export type JournalTicket = { id: number; segment: Segment };

type Journal = { current: Segment | null; sequence: number; nextId: number };

const globals = globalThis as typeof globalThis & { __darkroomSettlementJournal?: Journal; __darkroomJournalToken?: string };

/** This process's token: files named with it are this incarnation's own, whatever its pid. */
function token(): string {
  return (globals.__darkroomJournalToken ??= randomBytes(4).toString("hex"));
}

function journalDir(): string {
  return path.join(env.DATA_DIR, "settlements");
}

function journal(): Journal {
  return (globals.__darkroomSettlementJournal ??= { current: null, sequence: 0, nextId: 1 });
}

function openSegment(j: Journal): Segment {
  const dir = journalDir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `journal-${process.pid}-${token()}-s${j.sequence++}.jsonl`);
  const fd = fs.openSync(file, "a");
  return { file, fd, bytes: 0, pending: 0, syncing: false, dirty: false };
}

function sync(segment: Segment): void {
  if (segment.syncing) {
    segment.dirty = true;
    return;
  }
  segment.syncing = true;
  segment.dirty = false;
  fs.fdatasync(segment.fd, () => {
    segment.syncing = false;
    if (segment.dirty && segment.fd >= 0) sync(segment);
  });
}

function write(segment: Segment, line: Line): void {
  const text = `${JSON.stringify(line)}\n`;
  fs.writeSync(segment.fd, text);
  segment.bytes += Buffer.byteLength(text);
  sync(segment);
}

function retire(segment: Segment): void {
  const fd = segment.fd;
  segment.fd = -1;
  fs.rmSync(segment.file, { force: true });
  fs.close(fd, () => {}); // after any fdatasync in flight
}

/** Records a settlement about to be applied (before the database sees it). */
export function journalSettlement(entry: JournalEntry): JournalTicket {
  const j = journal();
  if (!j.current || j.current.bytes > ROTATE_BYTES) {
    const previous = j.current;
    j.current = openSegment(j);
    if (previous && previous.pending === 0) retire(previous);
  }
  const segment = j.current;
  const ticket = { id: j.nextId++, segment };
  write(segment, { op: "settle", id: ticket.id, requestId: entry.requestId, s: entry.settlement });
  segment.pending++;
  return ticket;
}

/** Marks a settlement as committed (or found already closed); a finished segment other than the current one goes. */
export function journalSettled(ticket: JournalTicket): void {
  const { segment } = ticket;
  if (segment.fd < 0) return;
  segment.pending--;
  if (segment.pending === 0 && segment !== journal().current) return retire(segment);
  write(segment, { op: "done", id: ticket.id });
}

/** Entries never marked done in a journal file (a torn last line, from a crash mid-write, is skipped). */
export function readPendingEntries(file: string): JournalEntry[] {
  const pending = new Map<number, JournalEntry>();
  for (const text of fs.readFileSync(file, "utf8").split("\n")) {
    if (!text) continue;
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      continue;
    }
    if (line.op === "settle") pending.set(line.id, { requestId: line.requestId, settlement: line.s });
    else pending.delete(line.id);
  }
  return [...pending.values()];
}

const NAME = /^journal-(\d+)-([0-9a-f]+)(?:-[rs]\d+)?\.jsonl$/;

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
    const target = path.join(dir, `journal-${process.pid}-${token()}-r${Date.now()}${claimed.length}.jsonl`);
    try {
      fs.renameSync(path.join(dir, name), target);
      claimed.push(target);
    } catch {
      // another process claimed it first
    }
  }
  return claimed;
}
