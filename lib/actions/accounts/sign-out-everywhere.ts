"use server";

import { z } from "zod";
import { signOut } from "@/lib/auth/auth";
import { db } from "@/lib/db/client";
import { revokeOtherSessions } from "@/lib/sessions/revoke-other-sessions";
import type { FormState } from "../form-state";
import { accountAction } from "../account-action";

/** Ends every session of the caller, this one included, and shows sign-in. */
const everywhere = accountAction({ schema: z.object({}) }, async (_input, user) => {
  const ended = await revokeOtherSessions(user.id, null);
  await db.auditLog.create({ data: { actorId: user.id, action: "session.revoked_all", data: { sessionsEnded: ended } } });
  await signOut({ redirectTo: "/sign-in" });
  return { status: "success" };
});

export async function signOutEverywhereAction(previous: FormState, formData: FormData): Promise<FormState> {
  return everywhere(previous, formData);
}
