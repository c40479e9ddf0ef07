import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { firstLink, sentMails, waitForMail } from "./mail";

export const PASSWORD = "a long enough password";

export function newEmail(label = "person"): string {
  return `${label}-${randomUUID().slice(0, 8)}@e2e.test`;
}

const VERIFY_SUBJECT = "Confirm your email address for Darkroom";

/**
 * Signs up through the form, follows the verification mail (through SMTP) and waits for the personal
 * workspace; returns its slug.
 */
export async function signUp(page: Page, email: string, name = "Erin Example"): Promise<string> {
  await submitSignUp(page, email, name);
  await followVerificationMail(page, email);
  await expect(page.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[1]!;
}

/** Fills and sends the sign-up form (the page it started on, or /sign-up), and waits for "Check your inbox". */
export async function submitSignUp(page: Page, email: string, name = "Erin Example", options: { goto?: boolean } = {}): Promise<void> {
  if (options.goto !== false) await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

/** Opens the newest verification link mailed to `email` (one sent after this call started, or already there). */
export async function followVerificationMail(page: Page, email: string): Promise<string> {
  const isVerification = (m: { to: string[]; subject: string }) => m.to.includes(email.toLowerCase()) && m.subject === VERIFY_SUBJECT;
  await waitForMail(isVerification);
  const link = firstLink(sentMails().filter(isVerification).at(-1)!.text);
  // Through the frame, not page.goto: that one runs checkPage (axe) on every sign-up of the suite; this page is
  // checked once, in verify-email.spec.ts.
  await page.mainFrame().goto(link);
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  return link;
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs out through the shell's button and waits until the session is gone (back on /sign-in). */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}
