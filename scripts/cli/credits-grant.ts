import { BOUNDS } from "@/lib/validation/whole-number";
import { intFlag, stringFlag, type Command } from "./command";

export const creditsGrant: Command<{ balance: number }> = {
  usage: "credits:grant --workspace SLUG --amount N [--note T]",
  options: { workspace: { type: "string" }, amount: { type: "string" }, note: { type: "string" } },
  required: ["workspace", "amount"],
  async run(flags) {
    const { grantWorkspaceCredits } = await import("@/lib/billing/grant-workspace-credits");
    const amount = intFlag(flags, "amount", BOUNDS.creditGrant)!;
    const balance = await grantWorkspaceCredits({
      workspaceSlug: stringFlag(flags, "workspace")!,
      amount,
      note: stringFlag(flags, "note"),
    });
    return { balance };
  },
  human: (r) => `Balance is now ${r.balance} credits`,
};
