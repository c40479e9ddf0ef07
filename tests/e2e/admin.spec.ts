import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { newEmail, PASSWORD, signIn, signUp } from "./support/accounts";
import { e2eCli } from "./support/cli";

const ADMIN_PAGES = ["/admin", "/admin/usage", "/admin/usage/records", "/admin/workspaces", "/admin/users", "/admin/models", "/admin/audit", "/admin/billing", "/admin/health"];

async function newAdmin(page: Page): Promise<string> {
  const email = newEmail("admin");
  const created = await e2eCli(["user:create", "--email", email, "--password", PASSWORD, "--admin"]);
  expect(created.code, created.stderr).toBe(0);
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
  return email;
}

test("a signed-in non-admin gets the not-found page on every admin page", async ({ page }) => {
  const slug = await signUp(page, newEmail("plain"));
  for (const path of [...ADMIN_PAGES, `/admin/workspaces/${slug}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "This page doesn't exist" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
  }
});

test("an admin grants credits with a note, sees the balance change and the audit entry", async ({ page }) => {
  const email = await newAdmin(page);
  const slug = new URL(page.url()).pathname.split("/")[1]!;
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Workspaces & credits" }).click();
  await page.getByLabel("Search workspaces").fill(slug);
  await page.getByLabel("Search workspaces").press("Enter");
  await page.getByRole("row", { name: new RegExp(slug) }).getByRole("link").click();
  const balance = page.getByTestId("credits-balance");
  const before = Number((await balance.textContent())!.replace(/,/g, ""));

  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("textbox", { name: "Credits" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a whole number of credits (digits only)")).toBeVisible();

  await page.getByRole("textbox", { name: "Credits" }).fill("1250");
  await page.getByLabel("Note (required)").fill("Launch promotion");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Granted 1,250 credits." })).toBeVisible();
  await expect(balance).toHaveText((before + 1250).toLocaleString("en-US"));
  await expect(page.getByRole("row", { name: /grant.*1,250.*Launch promotion/ })).toBeVisible();

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Actor (email)").fill(email);
  await page.getByLabel("Action").fill("credits.");
  await page.getByRole("button", { name: "Filter" }).click();
  const row = page.getByRole("row", { name: /credits\.granted/ });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(slug);
  await expect(row).toContainText('"amount":1250');
  await expect(row).toContainText("Launch promotion");
  expect((await e2eCli(["ledger:check"])).json).toEqual({ ok: true, drift: [] });
});

test("disabling a user ends their open session and their key's next call is 401", async ({ page, browser }) => {
  const victimEmail = newEmail("victim");
  const victimContext = await browser.newContext();
  const victim = await victimContext.newPage();
  const victimSlug = await signUp(victim, victimEmail);
  const created = await e2eCli(["key:create", "--workspace", victimSlug, "--email", victimEmail, "--name", "script"]);
  expect(created.code, created.stderr).toBe(0);
  const { key } = created.json as { key: string };
  const call = () => victim.request.get("/v1/models", { headers: { authorization: `Bearer ${key}` } });
  expect((await call()).status()).toBe(200);

  await newAdmin(page);
  await page.goto(`/admin/users?q=${encodeURIComponent(victimEmail)}`);
  await page.getByRole("button", { name: `Disable ${victimEmail}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Disabled" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Enable ${victimEmail}` })).toBeVisible();

  const refused = await call();
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatchObject({ code: "invalid_api_key" });
  await victim.goto(`/${victimSlug}/usage`);
  await expect(victim).toHaveURL(/\/sign-in/);
  await victimContext.close();

  await page.goto(`/admin/audit?action=user.disabled`);
  await expect(page.getByRole("row", { name: new RegExp(victimEmail.replace(/[.]/g, "\\.")) })).toBeVisible();
});

test("the console fits a phone and its navigation works from the keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await newAdmin(page);
  const slug = new URL(page.url()).pathname.split("/")[1]!;
  for (const path of ["/admin/workspaces", `/admin/workspaces/${slug}`, "/admin/users", "/admin/models", "/admin/audit", "/admin"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
  const nav = page.getByRole("navigation", { name: "Admin" });
  await expect(nav).toBeVisible();
  await nav.getByRole("link", { name: "Users" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
});

test("suspending a workspace: its key gets 403 workspace_suspended and its studio shows why", async ({ page, browser }) => {
  const ownerEmail = newEmail("suspended");
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const slug = await signUp(owner, ownerEmail);
  const created = await e2eCli(["key:create", "--workspace", slug, "--email", ownerEmail, "--name", "bot"]);
  const { key } = created.json as { key: string };
  const call = () =>
    owner.request.post("/v1/chat/completions", {
      headers: { authorization: `Bearer ${key}` },
      data: { model: "darkroom-local", messages: [{ role: "user", content: "hello" }] },
    });

  await newAdmin(page);
  await page.goto(`/admin/workspaces/${slug}`);
  await page.getByRole("button", { name: "Suspend workspace" }).click();
  await expect(page.getByText("Say why, for the workspace's members")).toBeVisible();
  await page.getByLabel("Reason (shown to its members)").fill("Payment disputed");
  await page.getByRole("button", { name: "Suspend workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Suspended" })).toBeVisible();

  const refused = await call();
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatchObject({ code: "workspace_suspended" });
  await owner.goto(`/${slug}`);
  await expect(owner.getByRole("alert").filter({ hasText: "This workspace is suspended" })).toContainText("Payment disputed");

  await page.getByRole("button", { name: "Resume workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Resumed" })).toBeVisible();
  await owner.reload();
  await expect(owner.getByRole("alert").filter({ hasText: "This workspace is suspended" })).toHaveCount(0);
  await ownerContext.close();
});
