import { stringFlag, type Command } from "./command";

export const userVerifyEmail: Command<{ verified: boolean; creditsGranted: number }> = {
  usage: "user:verify-email --email E",
  options: { email: { type: "string" } },
  required: ["email"],
  async run(flags) {
    const { verifyEmailByOperator } = await import("@/lib/accounts/verify-email-by-operator");
    return verifyEmailByOperator({ email: stringFlag(flags, "email")! });
  },
  human: (r) => (r.verified ? `Verified; ${r.creditsGranted} welcome credits granted` : "Already verified"),
};
