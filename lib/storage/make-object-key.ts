import { randomUUID } from "node:crypto";
import { isUuid } from "@/lib/db/is-uuid";
import { StorageError } from "./storage-driver";

export type ObjectKind = "uploads" | "results" | "thumbs";

// The only shape a key may have. Keys are made here, on the server, never from a client's file name; the
// strict pattern is also what keeps the local driver inside its folder (no "..", no "/", no absolute path).
const OBJECT_KEY = /^workspaces\/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\/(?:uploads|results|thumbs)\/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\.[a-z0-9]{1,10}$/;
const EXTENSION = /^[a-z0-9]{1,10}$/;

/** `workspaces/<workspaceId>/<kind>/<uuid>.<ext>`: a new, never-reused key (objects are immutable). */
export function makeObjectKey(workspaceId: string, kind: ObjectKind, ext: string): string {
  const extension = ext.replace(/^\./, "").toLowerCase();
  if (!isUuid(workspaceId)) throw new StorageError("invalid_key", "workspace id must be a UUID");
  if (!EXTENSION.test(extension)) throw new StorageError("invalid_key", `invalid file extension "${ext}"`);
  return `workspaces/${workspaceId.toLowerCase()}/${kind}/${randomUUID()}.${extension}`;
}

export function isObjectKey(key: string): boolean {
  return OBJECT_KEY.test(key);
}

export function assertObjectKey(key: string): void {
  if (!isObjectKey(key)) throw new StorageError("invalid_key", "invalid object key");
}

/** The extension of a valid key (`png` for `.../<uuid>.png`). */
export function objectKeyExtension(key: string): string {
  assertObjectKey(key);
  return key.slice(key.lastIndexOf(".") + 1);
}
