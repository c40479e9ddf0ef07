import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { readBodyCapped } from "@/lib/http/read-body-capped";

// Auth.js's posts (sign-out, OAuth callbacks sent as forms, CSRF-checked credentials) are small forms; the
// caller cannot be authenticated before this body is read (it is what signs them in), so it is capped instead.
const AUTH_FORM_MAX_BYTES = 64 * 1024;

export const { GET } = handlers;

export async function POST(request: NextRequest) {
  const body = await readBodyCapped(request, AUTH_FORM_MAX_BYTES);
  if (!body) {
    return Response.json({ error: { code: "too_large", message: "The form is too large" } }, { status: 413, headers: { "cache-control": "no-store" } });
  }
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return handlers.POST(new NextRequest(request.url, { method: "POST", headers, body: body as Uint8Array<ArrayBuffer> }));
}
