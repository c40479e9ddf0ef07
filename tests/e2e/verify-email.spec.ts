import { checkPage, expect, test } from "./support/test";
import { PASSWORD, newEmail, signIn, signUp, submitSignUp } from "./support/accounts";
import { firstLink, sentMails, waitForMail } from "./support/mail";

// The e2e server sends mail through SMTP to the run's catcher (tests/e2e/support/global-mail-catcher.ts).

test("sign-up at 127.0.0.1: the verification mail arrives through SMTP, its link verifies and signs in there with the full credits", async ({ page, baseURL }) => {
  const email = newEmail("verify");
  await submitSignUp(page, email, "Vic Verify");
  await checkPage(page);
  const mail = await waitForMail((m) => m.to.includes(email) && m.subject === "Confirm your email address for Darkroom");
  const link = new URL(firstLink(mail.text));
  expect(link.origin).toBe(baseURL);
  expect(link.pathname).toBe("/verify-email");

  // Before confirming, the password signs in to a trial: a banner, the trial credits, no API keys.
  await signIn(page, email, PASSWORD);
  const banner = page.getByRole("region", { name: "Email verification" });
  await expect(banner).toContainText("Confirm your email address");
  await expect(page.getByTestId("credit-balance")).toContainText("50");
  const slug = new URL(page.url()).pathname.split("/")[1]!;
  await page.goto(`/${slug}/keys`);
  await page.getByLabel("Name").first().fill("script");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Verify your email address before creating API keys")).toBeVisible();

  // The banner's resend sends a newer link; the link signs in (in a fresh browser too) and verifies.
  await banner.getByRole("button", { name: "Send the link again" }).click();
  await expect(banner.getByText(`A new link is on its way to ${email}.`)).toBeVisible();
  await expect.poll(() => sentMails().filter((m) => m.to.includes(email)).length).toBe(2);
  const fresh = await page.context().browser()!.newContext();
  const other = await fresh.newPage();
  await other.goto(firstLink(sentMails().filter((m) => m.to.includes(email)).at(-1)!.text));
  await checkPage(other);
  await other.getByRole("button", { name: "Confirm and sign in" }).click();
  await expect(other).toHaveURL(`${baseURL}/${slug}`);
  await expect(other.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
  await expect(other.getByTestId("credit-balance")).toContainText("1,000");
  await expect(other.getByRole("region", { name: "Email verification" })).toHaveCount(0);
  await fresh.close();

  // The first link was replaced by the resend.
  await page.goto(link.toString());
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  await expect(page.getByText("This link has expired or was replaced by a newer one.")).toBeVisible();
});

test("sign-up with a registered address shows the same page as a new one, and the owner gets the mail", async ({ page }) => {
  const owner = newEmail("owner");
  await signUp(page, owner, "Olga Owner");
  const ownerContext = page.context();
  await ownerContext.clearCookies();

  const shown = async (email: string) => {
    await submitSignUp(page, email, "Someone");
    const text = await page.getByRole("main").innerText();
    return { url: new URL(page.url()).pathname, text: text.replaceAll(email, "<email>") };
  };
  const fresh = newEmail("fresh");
  const forNew = await shown(fresh);
  const forRegistered = await shown(owner);
  expect(forRegistered).toEqual(forNew);

  const notice = await waitForMail((m) => m.to.includes(owner) && m.subject === "Someone tried to sign up with your address on Darkroom");
  expect(notice.text).toContain("already has one");
  await waitForMail((m) => m.to.includes(fresh) && m.subject === "Confirm your email address for Darkroom");
  // The owner's password still works; the attempt's didn't take.
  await signIn(page, owner, PASSWORD);
  await expect(page.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
});

test("email change: confirmed at the new address from the account page, the old address is told, and sign-in uses the new one", async ({ page, browser }) => {
  const oldEmail = newEmail("before");
  const slug = await signUp(page, oldEmail, "Cass Change");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Email" });
  await expect(section).toContainText(oldEmail);
  await expect(section).toContainText("Confirmed");

  const nextEmail = newEmail("after");
  await section.getByLabel("New email address").fill(nextEmail);
  await section.getByLabel("Current password").fill(PASSWORD);
  await section.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(section.getByText(`We sent a link to ${nextEmail}.`)).toBeVisible();

  const mail = await waitForMail((m) => m.to.includes(nextEmail) && m.subject === "Confirm your new email address for Darkroom");
  // Opened on another device, without a session.
  const other = await (await browser.newContext()).newPage();
  await other.goto(firstLink(mail.text));
  await other.getByRole("button", { name: "Use this address" }).click();
  await expect(other.getByText(`Done: you now sign in with ${nextEmail}.`)).toBeVisible();
  await waitForMail((m) => m.to.includes(oldEmail) && m.subject === "Your Darkroom sign-in address was changed");

  await page.reload();
  await expect(page.getByRole("region", { name: "Email" })).toContainText(nextEmail);
  await other.context().clearCookies();
  await signIn(other, nextEmail, PASSWORD);
  await expect(other).toHaveURL(new RegExp(`/${slug}$`));
  await other.close();
});
