// What each gateway benchmark target is sent: the same chat completion (or, for the ceiling, GET /api/ping),
// addressed to whichever server the target names.
import type { BenchAccounts } from "./seed";
import type { LoadSpec } from "./load";

export type Target = "direct" | "ping" | "darkroom-10ws" | "darkroom-1ws" | "portkey";
export type Mode = "non-stream" | "stream" | "GET";
/** Base URLs of the running servers (the fake upstream's includes its /v1). */
export type GatewayEndpoints = { upstream: string; darkroom: string; portkey: string };

const MODEL = "gpt-4o-image";
export const UPSTREAM_KEY = "bench-upstream-key";
// The fake upstream's `text` scenario: a ~300-byte completion (stream: 5 small events), so the run measures
// per-request overhead rather than bytes. The marker travels in the prompt: Portkey drops unknown body fields.
const PROMPT = "Describe a quiet darkroom. [[scenario:text]]";
const body = (stream: boolean) => JSON.stringify({ model: MODEL, messages: [{ role: "user", content: PROMPT }], ...(stream ? { stream: true } : {}) });

export function buildGatewayLoadSpec(
  endpoints: GatewayEndpoints,
  accounts: BenchAccounts,
  target: Target,
  mode: Mode,
  connections: number,
): Omit<LoadSpec, "amount" | "maxMs"> {
  const stream = mode === "stream";
  switch (target) {
    case "direct":
      return { url: `${endpoints.upstream}/chat/completions`, method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${UPSTREAM_KEY}` }, body: body(stream), connections };
    case "ping":
      return { url: `${endpoints.darkroom}/api/ping`, method: "GET", connections };
    case "portkey":
      return {
        url: `${endpoints.portkey}/v1/chat/completions`,
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${UPSTREAM_KEY}`, "x-portkey-provider": "openai", "x-portkey-custom-host": endpoints.upstream },
        body: body(stream),
        connections,
      };
    default: {
      const keys = target === "darkroom-10ws" ? accounts.spreadKeys : accounts.singleKeys;
      return {
        url: `${endpoints.darkroom}/v1/chat/completions`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: body(stream),
        // Every connection cycles through the keys: consecutive requests hit different keys (and workspaces).
        requests: keys.map((key) => ({ method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: body(stream) })),
        connections,
      };
    }
  }
}
