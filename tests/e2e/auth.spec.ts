import { expect, test } from "./support/test";
import { PASSWORD, newEmail, signIn, signOut, signUp, submitSignUp } from "./support/accounts";
import { waitForMail } from "./support/mail";
import { e2eCli } from "./support/cli";

test("sign-up lands in a personal workspace with its credits; sign-out and sign-in again", async ({ page }) => {
  const email = newEmail("erin");
  const slug = await signUp(page, email);
  expect(slug).toMatch(/^erin-example/);
  await expect(page.getByTestId("credit-balance")).toContainText("1,000");
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Gallery" })).toBeVisible();

  await signOut(page);
  // Without a session the workspace is out of reach.
  await page.goto(`/${slug}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const email = newEmail("wrong");
  await signUp(page, email);
  await signOut(page);

  await signIn(page, email, "not the password");
  // (Next's route announcer is an alert too: look inside the form.)
  const message = page.locator("form").getByRole("alert");
  await expect(message).toHaveText("That email and password don't match an account.");
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await signIn(page, newEmail("nobody"), PASSWORD);
  await expect(page.locator("form").getByRole("alert")).toHaveText("That email and password don't match an account.");
});

test("sign-up answers a registered address like a new one and mails its owner; bad input gets field messages", async ({ page }) => {
  const email = newEmail("dup");
  await signUp(page, email);
  await signOut(page);

  await submitSignUp(page, email.toUpperCase(), "Mallory");
  await expect(page.getByText(`We sent a message to ${email}`)).toBeVisible();
  const notice = await waitForMail((m) => m.to.includes(email) && m.subject === "Someone tried to sign up with your address on Darkroom");
  expect(notice.text).toContain("/sign-in");

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
});

test("another user's workspace is not found, and unknown pages show a 404 page", async ({ page, browser }) => {
  const ownerSlug = await signUp(page, newEmail("owner"));
  const other = await browser.newPage();
  await signUp(other, newEmail("other"));
  const response = await other.goto(`/${ownerSlug}/gallery`);
  expect(response?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "This page doesn't exist" })).toBeVisible();
  const missing = await other.goto("/definitely/not/here");
  expect(missing?.status()).toBe(404);
  await other.close();
});

test("the health endpoint reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("disabling an account ends its session on the next request and blocks sign-in", async ({ page }) => {
  const email = newEmail("disabled");
  const slug = await signUp(page, email);
  const result = await e2eCli(["user:disable", "--email", email]);
  expect(result.code, result.stderr).toBe(0);
  await page.goto(`/${slug}/usage`);
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email);
  await expect(page.locator("form").getByRole("alert")).toHaveText("That email and password don't match an account.");
  // Re-enabled, the same password works again.
  expect((await e2eCli(["user:disable", "--email", email, "--enable"])).code).toBe(0);
  await signIn(page, email);
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
});
