import { checkPage, expect, test, VIEWPORTS } from "./support/test";
import { newEmail, PASSWORD, signIn, signUp } from "./support/accounts";
import { waitForMail } from "./support/mail";

test("a password reset by mail ends the session still open in another browser", async ({ browser, page }) => {
  test.setTimeout(120_000); // two browsers and a mail on a shared machine
  const email = newEmail("reset");
  await signUp(page, email, "Rita Reset");
  const studio = page.url();

  // A second browser, signed out: "Forgot password?" from the sign-in page.
  const other = await (await browser.newContext()).newPage();
  await other.goto("/sign-in");
  await other.getByRole("link", { name: "Forgot password?" }).click();
  await expect(other.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await checkPage(other);
  await other.getByLabel("Email").fill(email);
  await other.getByRole("button", { name: "Email me a link" }).click();
  await expect(other.getByText(/If an account uses that address, we've emailed it a link/)).toBeVisible();

  const mail = await waitForMail((m) => m.to.includes(email) && m.subject === "Reset your Darkroom password");
  const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail.text)?.[0];
  expect(link).toBeTruthy();
  await other.goto(link!);
  await other.getByLabel("New password", { exact: true }).fill("a fresh password now");
  await other.getByLabel("Repeat the new password").fill("a fresh password now");
  await other.getByRole("button", { name: "Set new password" }).click();
  await expect(other.getByText(/Password changed\. Sign in with the new one/)).toBeVisible();
  await checkPage(other);

  // The link works once.
  await other.goto(link!);
  await other.getByLabel("New password", { exact: true }).fill("yet another password");
  await other.getByLabel("Repeat the new password").fill("yet another password");
  await other.getByRole("button", { name: "Set new password" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();

  // The first browser's session ended with the reset; the old password no longer works, the new one does.
  await page.goto(studio);
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "don't match" })).toBeVisible();
  await signIn(page, email, "a fresh password now");
  await expect(page.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
  await other.context().close();
});

test("deleting the account signs out and frees the email for a new sign-up", async ({ page }) => {
  const email = newEmail("leaver");
  const firstSlug = await signUp(page, email, "Lee Leaver");
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible();
  await page.getByLabel(`Type ${email} to confirm`).fill("not my email");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText(`Type ${email} to confirm.`, { exact: true })).toBeVisible();
  // From the keyboard: Enter in the confirmation field submits it.
  await page.getByLabel(`Type ${email} to confirm`).fill(email);
  await page.getByLabel(`Type ${email} to confirm`).press("Enter");
  await expect(page).toHaveURL(/\/sign-in\?deleted=1/);
  await expect(page.getByText("Your account was deleted.")).toBeVisible();
  // Signed out: the old workspace sends back to sign-in.
  await page.goto(`/${firstSlug}`);
  await expect(page).toHaveURL(/\/sign-in/);

  // The same address signs up again, as a new person with a new personal workspace.
  await signUp(page, email, "Lee Again");
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Lee Again");
});

test.describe("on a phone", () => {
  test.use(VIEWPORTS.phone);

  test("the account page: name, password, sessions (this device marked, another signed out)", async ({ browser, page }) => {
    test.setTimeout(120_000); // two browsers and a dozen form posts on a shared machine
    const email = newEmail("phone-account");
    await signUp(page, email, "Pat Phone");
    await page.getByRole("link", { name: "Account" }).click();
    await expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible();
    await checkPage(page);

    await page.getByLabel("Name").fill("Pat P.");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Name saved.")).toBeVisible();

    // A second browser signs in; it appears in the list and can be signed out from here.
    const other = await (await browser.newContext()).newPage();
    await signIn(other, email);
    await expect(other.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
    await page.reload();
    const sessions = page.getByRole("list", { name: "Signed-in browsers" });
    await expect(sessions.getByRole("listitem")).toHaveCount(2);
    await expect(sessions.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);
    await checkPage(page);
    await sessions.getByRole("button", { name: /^Sign out / }).click();
    await expect(sessions.getByRole("listitem")).toHaveCount(1);
    await other.reload();
    await expect(other).toHaveURL(/\/sign-in/);

    // Wrong current password: the field says so; the right one changes it and this phone stays signed in.
    await page.getByRole("region", { name: "Password" }).getByLabel("Current password").fill("not the password");
    await page.getByLabel("New password", { exact: true }).fill("phone password two");
    await page.getByLabel("Repeat the new password").fill("phone password two");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That isn't your current password.")).toBeVisible();
    await page.getByRole("region", { name: "Password" }).getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill("phone password two");
    await page.getByLabel("Repeat the new password").fill("phone password two");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(/^Password changed\./)).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible();

    // Sign out everywhere ends the other browser's new session and this one.
    await signIn(other, email, "phone password two");
    await expect(other.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount/);
    await other.reload();
    await expect(other).toHaveURL(/\/sign-in/);
    await other.context().close();
  });
});
