import fs from "node:fs";
import { checkPage, expect, test } from "./support/test";
import { followVerificationMail, newEmail, PASSWORD, signUp } from "./support/accounts";
import { firstLink, waitForMail } from "./support/mail";
import { parseCsv } from "../support/parse-csv";
import { e2eCli } from "./support/cli";
import { expectUpload, pngFile } from "./support/studio";

// The server sends mail to E2E_SMTP_PORT (playwright.config.ts), where the run's global setup receives it.

test("an owner creates a team and invites by email; the member signs up through the link, lands in the team, and both see one gallery", async ({ page: ownerPage, browser }) => {
  test.setTimeout(180_000); // two people, two edits, the Usage page and a removal: a long journey on a shared machine
  await ownerPage.setViewportSize({ width: 1280, height: 800 });
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
  const mail = await waitForMail((m) => m.to.includes(memberEmail) && m.subject.startsWith("Join"));
  expect(mail.subject).toBe("Join Night Crew on Darkroom");
  const link = firstLink(mail.text);
  await expect(ownerPage.getByTestId("invitation-link")).toHaveText(link);

  // The member follows it to sign up as the invited address from the invitation's own form; joining takes a
  // confirmed address, so the verification mail's link signs them in and brings them back to the invitation.
  const memberPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await memberPage.goto(link);
  await expect(memberPage.getByRole("heading", { name: "Join Night Crew" })).toBeVisible();
  await expect(memberPage.getByText(`This invitation is for ${memberEmail}`)).toBeVisible();
  await memberPage.getByRole("link", { name: "Create an account" }).click();
  await memberPage.getByLabel("Name").fill("Max Member");
  await expect(memberPage.getByLabel("Email")).toHaveValue(memberEmail);
  await memberPage.getByLabel("Password").fill(PASSWORD);
  await memberPage.getByRole("button", { name: "Create account" }).click();
  // Joining takes a confirmed address: the verification link signs in and comes back to the invitation.
  await expect(memberPage.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await followVerificationMail(memberPage, memberEmail);
  await memberPage.getByRole("button", { name: "Join Night Crew" }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/${slug}$`));
  await expect(memberPage.getByRole("banner")).toContainText("Night Crew");
  await checkPage(memberPage);

  // The member uploads in the team's studio; the owner sees it in the one gallery, attributed.
  await memberPage.getByLabel("Images to upload").setInputFiles(await pngFile("shared.png", 320, 240, "#7c3aed"));
  await expectUpload(memberPage, "shared.png", "Uploaded");
  for (const page of [memberPage, ownerPage]) {
    await page.goto(`/${slug}/gallery`);
    await expect(page.getByRole("region", { name: "Images" }).getByRole("img", { name: /^Upload “[^”]+”, by Max Member$/ })).toBeVisible();
  }

  // The used link now says so.
  await memberPage.goto(link);
  await expect(memberPage.getByText("This invitation has already been used.")).toBeVisible();

  // The member's edit appears for the owner under the member's name.
  const granted = await e2eCli(["credits:grant", "--workspace", slug, "--amount", "100"]);
  expect(granted.code).toBe(0);
  await memberPage.goto(`/${slug}?input=${await uploadedId(ownerPage, slug)}`);
  await memberPage.getByLabel("Describe the edit").fill("make it grayscale");
  await memberPage.getByLabel("Model").selectOption("darkroom-local");
  await memberPage.getByLabel("Describe the edit").press("Control+Enter");
  const firstEdit = memberPage.getByTestId("job-tile").first();
  await expect(firstEdit).toHaveAttribute("data-job-state", "succeeded", { timeout: 30_000 });
  const charged = Number(/^Cost: (\d+)/.exec((await firstEdit.getByTestId("job-credits").textContent())!)?.[1]);
  expect(charged).toBeGreaterThan(0);
  await ownerPage.goto(`/${slug}/gallery`);
  await expect(ownerPage.getByRole("region", { name: "Images" }).getByRole("link", { name: /^Result of “.+” with Darkroom Local.*, by Max Member$/ })).toBeVisible();

  // The owner sets the member's limit one credit above what they used: 1 left, below the next edit's hold of 2
  // (darkroom-local: 1 per call + 1 per result). The studio shows it, and the edit is refused naming the limit.
  await ownerPage.goto(`/${slug}/settings`);
  await ownerPage.getByLabel("Monthly credit limit of Max Member").fill(String(charged + 1));
  await ownerPage.getByRole("button", { name: "Save limit of Max Member" }).click();
  await expect(ownerPage.getByRole("region", { name: "Members" })).toContainText("Limit saved.");
  await memberPage.goto(`/${slug}?input=${await uploadedId(ownerPage, slug)}`);
  await expect(memberPage.getByTestId("member-limit")).toContainText(`1 / ${charged + 1} left`);
  await memberPage.getByLabel("Describe the edit").fill("make it grayscale again");
  await memberPage.getByLabel("Model").selectOption("darkroom-local");
  await memberPage.getByLabel("Describe the edit").press("Control+Enter");
  await expect(memberPage.getByText("Your monthly credit limit in this workspace is reached (this edit needs 2 credits).")).toBeVisible();
  await checkPage(memberPage);
  await expect(memberPage.getByTestId("job-tile")).toHaveCount(1);

  // The Usage page shows the member's call in a chart and in the table; the CSV export has exactly the table's rows.
  await ownerPage.goto(`/${slug}/usage`);
  await expect(ownerPage.getByTestId("usage-total-calls")).toHaveText("1");
  await expect(ownerPage.getByTestId("usage-total-credits")).toHaveText(String(charged));
  const chart = ownerPage.getByRole("region", { name: /per day, by member/ });
  await chart.getByRole("button", { name: "Calls" }).click();
  await expect(chart.getByRole("heading", { name: "Calls per day, by member" })).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await chart.getByText("Show the numbers").click();
  await expect(chart.getByRole("columnheader", { name: "Max Member" })).toBeVisible();
  const rows = ownerPage.getByTestId("usage-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Max Member");
  await checkPage(ownerPage);
  const tableIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-record-id")));
  const download = ownerPage.waitForEvent("download");
  await ownerPage.getByRole("link", { name: "Export CSV" }).click();
  const [header, ...csv] = parseCsv(fs.readFileSync((await (await download).path())!, "utf8"));
  expect(header).toEqual(["created_at", "member", "user_id", "api_key", "api_key_id", "source", "model", "status", "credits",
    "images", "prompt_tokens", "completion_tokens", "total_tokens", "latency_ms", "id"]);
  expect(csv.map((r) => r[14])).toEqual(tableIds);
  expect(csv.map((r) => [r[1], r[5], r[6], r[7], Number(r[8])])).toEqual([["Max Member", "studio", "darkroom-local", "succeeded", charged]]);

  // The owner removes the member: their API key gets 401 and the team's pages are gone for them.
  const key = await e2eCli(["key:create", "--workspace", slug, "--email", memberEmail]);
  const apiKey = (JSON.parse(key.stdout) as { key: string }).key;
  const models = (k: string) => memberPage.request.get("/v1/models", { headers: { authorization: `Bearer ${k}` } });
  expect((await models(apiKey)).status()).toBe(200);
  await ownerPage.goto(`/${slug}/settings`);
  await ownerPage.getByRole("button", { name: "Remove Max Member" }).click();
  await ownerPage.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
  await expect(ownerPage.getByRole("table", { name: "Members" })).not.toContainText("Max Member");
  expect((await models(apiKey)).status()).toBe(401);
  const gone = await memberPage.goto(`/${slug}/gallery`);
  expect(gone?.status()).toBe(404);
  // Their images stay, attributed.
  await ownerPage.goto(`/${slug}/gallery`);
  await expect(ownerPage.getByRole("region", { name: "Images" }).getByRole("img", { name: /^Upload “[^”]+”, by Max Member$/ })).toBeVisible();
});

/** The id of the newest upload in the team's gallery (to start an edit from it). */
async function uploadedId(page: import("@playwright/test").Page, slug: string): Promise<string> {
  await page.goto(`/${slug}/gallery`);
  const link = page.getByRole("region", { name: "Images" }).getByRole("link", { name: /^Upload( “[^”]+”)?, by/ }).first();
  return (await link.getAttribute("href"))!.split("/").pop()!;
}

test("server actions refuse a foreign Origin: a rename sent with another site's Origin changes nothing", async ({ page }) => {
  await signUp(page, newEmail("origin"), "Ori Gin");
  await page.goto("/new");
  const slug = `origin-${Date.now().toString(36)}`;
  await page.getByLabel("Team name").fill("Before");
  await page.getByLabel("Address (optional)").fill(slug);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await page.goto(`/${slug}/settings`);
  let refused: number | undefined;
  await page.route(`**/${slug}/settings`, async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    const response = await route.fetch({ headers: { ...request.headers(), origin: "https://evil.example" } });
    refused = response.status();
    await route.fulfill({ response });
  });
  await page.getByLabel("Name", { exact: true }).fill("Hijacked");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect.poll(() => refused).toBeDefined();
  expect(refused).toBeGreaterThanOrEqual(400);
  await page.unroute(`**/${slug}/settings`);
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Before");
});

test("a team's new address keeps old links working for its members, and an owner's deletion ends access", async ({ page }) => {
  await signUp(page, newEmail("moving"), "Mo Ving");
  const slug = `moving-${Date.now().toString(36)}`;
  await page.goto("/new");
  await page.getByLabel("Team name").fill("Movers");
  await page.getByLabel("Address (optional)").fill(slug);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));

  await page.goto(`/${slug}/settings`);
  await page.getByLabel("Address").fill(`${slug}-new`);
  await page.getByRole("button", { name: "Change address" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}-new/settings$`));
  await page.goto(`/${slug}/gallery?model=darkroom-local`);
  await expect(page).toHaveURL(new RegExp(`/${slug}-new/gallery\\?model=darkroom-local$`));

  await page.goto(`/${slug}-new/settings`);
  const danger = page.getByRole("region", { name: "Delete team" });
  await danger.getByLabel(`Type ${slug}-new to confirm`).fill("wrong");
  await danger.getByRole("button", { name: "Delete this team" }).click();
  await expect(danger.getByText(`Type ${slug}-new to confirm.`)).toBeVisible();
  await danger.getByLabel(`Type ${slug}-new to confirm`).fill(`${slug}-new`);
  await danger.getByRole("button", { name: "Delete this team" }).click();
  await expect(page.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
  expect((await page.goto(`/${slug}-new`))?.status()).toBe(404);
  expect((await page.goto(`/${slug}`))?.status()).toBe(404);
});
