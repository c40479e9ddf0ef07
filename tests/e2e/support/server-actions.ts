// Calling server actions directly over HTTP, the way a hand-made request (not the app's own form) would: the
// action's id from the production build's manifest in a `Next-Action` header, its arguments encoded as React's
// client does: multipart, the FormData argument's fields first as "_1_<name>", then field "0" with the argument
// list, where "$K1" stands for that FormData (the server decodes the parts in order as they stream in).
// A test proves with it that the server refuses, whatever the UI shows.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

export type FieldValue = string | { name: string; mimeType: string; buffer: Buffer };

export type ServerActionRef = { id: string; file: string; name: string; worker: string };

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }> };

/** Actions that take only the FormData (called from code, not through useActionState). */
const FORM_DATA_ONLY = new Set(["cancelEditAction", "clearEditAction", "uploadImageAction", "signOutAction"]);

/** Every server action of the build whose source file starts with `prefix` (e.g. `lib/actions/admin/`). */
export function serverActions(prefix: string): ServerActionRef[] {
  const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  return Object.entries(manifest.node)
    .filter(([, entry]) => entry.filename.startsWith(prefix))
    .map(([id, entry]) => ({ id, file: entry.filename, name: entry.exportedName, worker: Object.keys(entry.workers)[0]! }));
}

/** The URL of the page an action belongs to: `app/(studio)/[workspace]/settings/page` → `/<slug>/settings`. */
export function pageOf(action: ServerActionRef, params: Record<string, string> = {}): string {
  const segments = action.worker
    .replace(/^app\//, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s !== "page" && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.+\]$/.test(s) ? (params[s.slice(1, -1)] ?? "x") : s));
  return `/${segments.join("/")}`;
}

/** Posts the action with these form fields as the signed-in context's cookies allow; returns the status and body. */
export async function callServerAction(
  request: APIRequestContext,
  baseURL: string,
  action: ServerActionRef,
  fields: Record<string, FieldValue>,
  params: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  // A FormData keeps the order (an object would put the integer-like "0" first).
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") multipart.append(`_1_${name}`, value);
    else multipart.append(`_1_${name}`, new File([new Uint8Array(value.buffer)], value.name, { type: value.mimeType }));
  }
  multipart.append("0", JSON.stringify(FORM_DATA_ONLY.has(action.name) ? ["$K1"] : [{ status: "idle" }, "$K1"]));
  const response = await request.post(`${baseURL}${pageOf(action, params)}`, {
    headers: { "next-action": action.id, accept: "text/x-component", origin: baseURL },
    multipart,
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}
