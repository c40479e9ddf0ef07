import { stringFlag, type Command } from "./command";

export const keyRevoke: Command<{ ok: true }> = {
  usage: "key:revoke --id ID",
  options: { id: { type: "string" } },
  required: ["id"],
  async run(flags) {
    const { revokeApiKey } = await import("@/lib/gateway/keys/revoke-api-key");
    await revokeApiKey({ id: stringFlag(flags, "id")! });
    return { ok: true };
  },
  human: () => "API key revoked",
};
