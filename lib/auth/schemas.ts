import { z } from "zod";

export const emailField = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .email("Enter a valid email address");

export const newPasswordField = z
  .string({ error: "Choose a password" })
  .min(8, "Use at least 8 characters")
  .max(128, "Use at most 128 characters");

export const signUpSchema = z.object({
  name: z.string().trim().max(80, "Use at most 80 characters").optional().default(""),
  email: emailField,
  password: newPasswordField,
  callbackUrl: z.string().max(2000).optional(),
});

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password"),
  callbackUrl: z.string().optional(),
});
