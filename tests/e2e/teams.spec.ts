import { expect, test } from "@playwright/test";
import { firstLink, startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";
import { newEmail, PASSWORD, signUp } from "./support/accounts";
import { expectUpload, pngFile } from "./support/studio";

// The server sends mail to E2E_SMTP_PORT (playwright.config.ts); this file is the one that listens there.
let smtp: SmtpCatcher;
test.beforeAll(async () => {
  smtp = await startSmtpCatcher(Number(process.env.E2E_SMTP_PORT));
});
test.afterAll(async () => {
  await smtp.close();
});

test("an owner creates a team and invites by email; the member signs up through the link, lands in the team, and both see one gallery", async ({ browser }) => {
  const ownerPage = await (await browser.newContext()).newPage();
  await signUp(ownerPage, newEmail("team-owner"), "Olive Owner");

  // Create the team from the switcher.
  await ownerPage.getByRole("button", { name: /Switch workspace/ }).click();
  await ownerPage.getByRole("menuitem", { name: "Create a team" }).click();
  const slug = `crew-${Date.now().toString(36)}`;
  await ownerPage.getByLabel("Team name").fill("Night Crew");
  await ownerPage.getByLabel("Address (optional)").fill(slug);
  await ownerPage.getByRole("button", { name: "Create team" }).click();
  await expect(ownerPage).toHaveURL(new RegExp(`/${slug}$`));
  await ownerPage.getByRole("button", { name: /Switch workspace/ }).click();
  await expect(ownerPage.getByRole("menuitem", { name: /Night Crew\s*Team · owner/ })).toBeVisible();
  await ownerPage.keyboard.press("Escape");

  // Invite by email.
  const memberEmail = newEmail("team-member");
  await ownerPage.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Settings" }).click();
  const invitations = ownerPage.getByRole("region", { name: "Invitations" });
  await invitations.getByLabel("Email").fill(memberEmail);
  await invitations.getByLabel("Role").selectOption("member");
  await invitations.getByRole("button", { name: "Invite" }).click();
  await expect(ownerPage.getByTestId("invitation-created")).toContainText(`Emailed to ${memberEmail}.`);
  await expect(invitations.getByRole("table", { name: "Pending invitations" })).toContainText(memberEmail);

  // The email arrives through SMTP; its link is the one shown to copy.
  const mail = await smtp.waitFor((m) => m.to.includes(memberEmail));
  expect(mail.subject).toBe("Join Night Crew on Darkroom");
  const link = firstLink(mail.text);
  await expect(ownerPage.getByTestId("invitation-link")).toHaveText(link);

  // The member signs up through it and lands in the team.
  const memberPage = await (await browser.newContext()).newPage();
  await memberPage.goto(link);
  await expect(memberPage.getByRole("heading", { name: "Join Night Crew" })).toBeVisible();
  await expect(memberPage.getByText(`This invitation is for ${memberEmail}`)).toBeVisible();
  await memberPage.getByRole("link", { name: "Create an account" }).click();
  await memberPage.getByLabel("Name").fill("Max Member");
  await expect(memberPage.getByLabel("Email")).toHaveValue(memberEmail);
  await memberPage.getByLabel("Password").fill(PASSWORD);
  await memberPage.getByRole("button", { name: "Create account" }).click();
  await memberPage.getByRole("button", { name: "Join Night Crew" }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/${slug}$`));
  await expect(memberPage.getByRole("banner")).toContainText("Night Crew");

  // The member uploads in the team's studio; the owner sees it in the one gallery, attributed.
  await memberPage.getByLabel("Images to upload").setInputFiles(await pngFile("shared.png", 320, 240, "#7c3aed"));
  await expectUpload(memberPage, "shared.png", "Uploaded");
  for (const page of [memberPage, ownerPage]) {
    await page.goto(`/${slug}/gallery`);
    await expect(page.getByRole("region", { name: "Images" }).getByRole("img", { name: "Upload by Max Member" })).toBeVisible();
  }

  // The used link now says so.
  await memberPage.goto(link);
  await expect(memberPage.getByText("This invitation has already been used.")).toBeVisible();
});
