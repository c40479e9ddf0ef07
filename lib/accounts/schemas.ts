import { z } from "zod";
import { emailField } from "@/lib/auth/schemas";

/** A mailed token as it comes back from a link: base64url of 32 bytes (longer input is refused unread). */
export const accountTokenField = z.string({ error: "This link is not valid" }).trim().min(1, "This link is not valid").max(200, "This link is not valid");

export const verifyEmailSchema = z.object({
  token: accountTokenField,
  next: z.string().max(2000).optional(),
});

export const resendVerificationSchema = z.object({
  email: emailField.optional(),
  next: z.string().max(2000).optional(),
});

export const changeEmailSchema = z.object({
  email: emailField,
  password: z.string().max(128).optional(),
});

export const confirmEmailChangeSchema = z.object({ token: accountTokenField });
