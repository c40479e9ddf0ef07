"use server";

import { signOut } from "@/lib/auth/auth";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";

/** Signs out, then shows sign-in (coming back to a same-site `callbackUrl` the form may carry, e.g. an invitation). */
export async function signOutAction(formData?: FormData): Promise<void> {
  const callbackUrl = formData?.get("callbackUrl");
  const back = typeof callbackUrl === "string" ? safeCallbackUrl(callbackUrl, "") : "";
  await signOut({ redirectTo: back ? `/sign-in?callbackUrl=${encodeURIComponent(back)}` : "/sign-in" });
}
