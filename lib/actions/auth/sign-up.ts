"use server";

import { headers } from "next/headers";
import { signIn } from "@/lib/auth/auth";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { consumeAuthAttempt } from "@/lib/auth/rate-limiters";
import { signUpSchema } from "@/lib/auth/schemas";
import { env } from "@/lib/env";
import { toFormState } from "@/lib/errors/to-form-state";
import { createUser } from "@/lib/users/create-user";
import type { FormState } from "../form-state";
import { parseForm } from "../parse-form";

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  if (env.SIGNUP_MODE === "closed") {
    return { status: "error", message: "Sign-up is closed on this Darkroom. Ask an administrator for an account." };
  }
  const parsed = parseForm(signUpSchema, formData, ["name", "email"]);
  if (!parsed.ok) return parsed.state;
  const { name, email, password } = parsed.data;
  const values = { name, email };
  try {
    await consumeAuthAttempt("signUpPerIp", clientIpFrom(await headers()));
    const created = await createUser({ email, name, password });
    await signIn("credentials", { email, password, redirectTo: `/${created.workspaceSlug}` });
    return { status: "success" };
  } catch (error) {
    return toFormState(error, values);
  }
}
