import "server-only";
import type { NotificationListener } from "./notifications";

/** Taken before reading the database; a value read after it may be stored only if nothing changed meanwhile. */
export type CacheTicket = { epoch: number | null; version: number };

export type NotifiedCacheOptions = {
  listener: NotificationListener;
  /** NOTIFY on this channel drops entries: the payload is the key to drop ("*" or "" drops all). */
  channel: string;
  ttlMs: number;
  maxEntries: number;
  /** Maps a payload to the key to drop; null drops everything. Default: the payload itself. */
  keyOf?: (payload: string) => string | null;
  now?: () => number;
};

type Entry<V> = { value: V; storedAt: number; epoch: number };

/**
 * An in-process cache kept honest across instances by LISTEN/NOTIFY. It only answers while its listener is
 * connected, and only with entries stored under the current connection: a notification missed while the
 * listener was away can never leave a stale entry behind. Bounded (least recently used goes first).
 */
export class NotifiedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private version = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: NotifiedCacheOptions) {
    const keyOf = options.keyOf ?? ((payload: string) => (payload === "" || payload === "*" ? null : payload));
    this.unsubscribe = options.listener.subscribe(options.channel, (payload) => {
      const key = keyOf(payload);
      if (key === null) this.clear();
      else this.delete(key);
    });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get(key: string): V | undefined {
    const epoch = this.options.listener.epoch(this.options.channel);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (epoch === null || entry.epoch !== epoch || this.now() - entry.storedAt >= this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  ticket(): CacheTicket {
    return { epoch: this.options.listener.epoch(this.options.channel), version: this.version };
  }

  /** Stores a value read after `ticket` was taken, unless an invalidation or a reconnect happened since. */
  set(key: string, value: V, ticket: CacheTicket): void {
    const epoch = this.options.listener.epoch(this.options.channel);
    if (epoch === null || epoch !== ticket.epoch || this.version !== ticket.version) return;
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: this.now(), epoch });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.version++;
    this.entries.delete(key);
  }

  clear(): void {
    this.version++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  close(): void {
    this.unsubscribe();
    this.clear();
  }
}
