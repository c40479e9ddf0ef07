import "server-only";
import type { Agent } from "undici";
import { createGuardedAgent } from "./create-guarded-agent";
import type { AllowedHost } from "./parse-allow-hosts";

// One agent per allow list (in practice one: OUTBOUND_ALLOW_HOSTS), shared by every fetch that uses the
// system resolver. Every connection is still checked when it is made, so sharing only adds keep-alive reuse: a
// burst of results from one image host costs a few connections instead of a connect (and TLS handshake) each.
const agents = new Map<string, Agent>();

export function getGuardedAgent(allow: readonly AllowedHost[]): Agent {
  const key = allow.map((a) => `${a.host}:${a.port ?? ""}`).join(",");
  let agent = agents.get(key);
  if (!agent) {
    agent = createGuardedAgent({ allow });
    agents.set(key, agent);
  }
  return agent;
}
