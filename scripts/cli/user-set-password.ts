import { stringFlag, type Command } from "./command";

export const userSetPassword: Command<{ ok: true; sessionsEnded: number }> = {
  usage: "user:set-password --email E --password P",
  options: { email: { type: "string" }, password: { type: "string" } },
  required: ["email", "password"],
  async run(flags) {
    const { setPassword } = await import("@/lib/users/set-password");
    const { sessionsEnded } = await setPassword({ email: stringFlag(flags, "email")!, password: stringFlag(flags, "password")! });
    return { ok: true, sessionsEnded };
  },
  human: (result) => `Password updated; ${result.sessionsEnded} session${result.sessionsEnded === 1 ? "" : "s"} signed out`,
};
