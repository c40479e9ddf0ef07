import { stringFlag, type Command } from "./command";

export const userCreate: Command<{ userId: string; workspace: string }> = {
  usage: "user:create --email E --password P [--name N] [--admin]",
  options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" }, admin: { type: "boolean" } },
  required: ["email", "password"],
  async run(flags) {
    const { createUser } = await import("@/lib/users/create-user");
    const { newPasswordField, emailField } = await import("@/lib/auth/schemas");
    const email = emailField.safeParse(stringFlag(flags, "email"));
    if (!email.success) throw new Error(`--email: ${email.error.issues[0]?.message}`);
    const password = newPasswordField.safeParse(stringFlag(flags, "password"));
    if (!password.success) throw new Error(`--password: ${password.error.issues[0]?.message}`);
    const created = await createUser({
      email: email.data,
      password: password.data,
      name: stringFlag(flags, "name"),
      admin: flags.admin === true,
      // The operator vouches for the address.
      emailVerified: true,
    });
    return { userId: created.userId, workspace: created.workspaceSlug };
  },
  human: (r) => `Created user ${r.userId} with personal workspace /${r.workspace}`,
};
