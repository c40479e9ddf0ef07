import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "a long enough password";

export function newEmail(label = "person"): string {
  return `${label}-${randomUUID().slice(0, 8)}@e2e.test`;
}

/** Signs up through the form and waits for the personal workspace; returns its slug. */
export async function signUp(page: Page, email: string, name = "Erin Example"): Promise<string> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[1]!;
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
