import { BOUNDS } from "@/lib/validation/whole-number";
import { intFlag, stringFlag, type Command } from "./command";
import { dateFlag, listFlag } from "./gateway-flags";

export const keyCreate: Command<{ key: string; id: string }> = {
  usage: "key:create --workspace SLUG --email E [--name N] [--models a,b] [--expires ISO] [--rpm N]",
  options: {
    workspace: { type: "string" },
    email: { type: "string" },
    name: { type: "string" },
    models: { type: "string" },
    expires: { type: "string" },
    rpm: { type: "string" },
  },
  required: ["workspace", "email"],
  async run(flags) {
    const { createMemberApiKey } = await import("@/lib/gateway/keys/create-member-api-key");
    const created = await createMemberApiKey({
      workspaceSlug: stringFlag(flags, "workspace")!,
      email: stringFlag(flags, "email")!,
      name: stringFlag(flags, "name"),
      models: listFlag(flags, "models"),
      expiresAt: dateFlag(flags, "expires") ?? null,
      rpm: intFlag(flags, "rpm", BOUNDS.keyRpm) ?? null,
    });
    return { key: created.key, id: created.id };
  },
  human: (r) => `API key ${r.id} (shown once, store it now):\n${r.key}`,
};
