import { BOUNDS } from "@/lib/validation/whole-number";
import { intFlag, stringFlag, type Command } from "./command";
import { booleanFlag } from "./gateway-flags";

export const modelSet: Command<{ ok: true }> = {
  usage:
    "model:set --model M [--enabled true|false] [--per-request N] [--per-image N] [--per-1k-prompt N] " +
    "[--per-1k-completion N] [--token-ceiling N] [--upstream-name X] [--description TEXT] [--typical-seconds N]",
  options: {
    model: { type: "string" },
    enabled: { type: "string" },
    "per-request": { type: "string" },
    "per-image": { type: "string" },
    "per-1k-prompt": { type: "string" },
    "per-1k-completion": { type: "string" },
    "token-ceiling": { type: "string" },
    "upstream-name": { type: "string" },
    description: { type: "string" },
    "typical-seconds": { type: "string" },
  },
  required: ["model"],
  async run(flags) {
    const { setModel } = await import("@/lib/gateway/catalog/set-model");
    await setModel({
      id: stringFlag(flags, "model")!,
      enabled: booleanFlag(flags, "enabled"),
      perRequest: intFlag(flags, "per-request", BOUNDS.price),
      perImage: intFlag(flags, "per-image", BOUNDS.price),
      per1kPrompt: intFlag(flags, "per-1k-prompt", BOUNDS.price),
      per1kCompletion: intFlag(flags, "per-1k-completion", BOUNDS.price),
      tokenCeiling: intFlag(flags, "token-ceiling", BOUNDS.tokenCeiling),
      // An empty --upstream-name "" goes back to the public id.
      upstreamName: stringFlag(flags, "upstream-name"),
      description: stringFlag(flags, "description"),
      typicalSeconds: intFlag(flags, "typical-seconds", BOUNDS.typicalSeconds),
    });
    return { ok: true };
  },
  human: () => "Model updated",
};
