import { z } from "zod";
import { emailField, newPasswordField } from "@/lib/auth/schemas";

export const renameUserSchema = z.object({
  name: z.string().trim().max(80, "Use at most 80 characters"),
});

export const changePasswordSchema = z
  .object({
    // Absent for a person who has no password yet (signed up with a provider) and sets their first one.
    currentPassword: z.string().max(1024).optional().default(""),
    newPassword: newPasswordField,
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ" });

export const sessionIdSchema = z.object({ sessionId: z.string().uuid("Unknown session") });

export const providerSchema = z.object({ provider: z.string().trim().min(1).max(40) });

export const deleteAccountSchema = z.object({ confirmation: z.string().max(300) });

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1, "This link is not valid.").max(200),
    password: newPasswordField,
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ" });
