import { stringFlag, type Command } from "./command";

export const userDisable: Command<{ ok: true }> = {
  usage: "user:disable --email E [--enable]",
  options: { email: { type: "string" }, enable: { type: "boolean" } },
  required: ["email"],
  async run(flags) {
    const { setUserDisabled } = await import("@/lib/users/set-user-disabled");
    await setUserDisabled({ email: stringFlag(flags, "email")!, disabled: flags.enable !== true });
    return { ok: true };
  },
  human: () => "Done",
};
