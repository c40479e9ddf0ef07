import { expect, test } from "./support/test";
import { newEmail, signUp } from "./support/accounts";

test("create a key (shown once, with a curl example), see it listed, revoke it after confirming", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const slug = await signUp(page, newEmail("keys"));
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();

  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Name").fill("Build server");
  await page.getByRole("checkbox", { name: /darkroom-local/ }).check();
  await page.getByLabel("Requests per minute (optional)").fill("30");
  await page.getByRole("button", { name: "Create key" }).click();

  const notice = page.getByRole("region", { name: /Key “Build server” created/ });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("you won't see it again");
  const key = (await notice.getByLabel("Your new API key").textContent())!.trim();
  expect(key).toMatch(/^dk_[0-9A-Za-z]{40}$/);
  await expect(notice.getByLabel("Example request with curl")).toContainText(`Authorization: Bearer ${key}`);
  await expect(notice.getByLabel("Example request with curl")).toContainText('"model":"darkroom-local"');
  await notice.getByRole("button", { name: "Copy key" }).click();
  await expect(notice.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

  const row = page.getByRole("row", { name: /Build server/ });
  await expect(row).toContainText(`${key.slice(0, 8)}…${key.slice(-4)}`);
  await expect(row).toContainText("darkroom-local");
  await expect(row).toContainText("Active");

  // Shown once: a fresh load of the page has only the key's ends.
  await page.goto(`/${slug}/keys`);
  await expect(page.getByRole("row", { name: /Build server/ })).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0);

  await page.getByRole("button", { name: "Revoke key Build server" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke “Build server”?" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Revoke key Build server" }).click();
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /Build server/ })).toContainText("Revoked");
  await expect(page.getByRole("button", { name: "Revoke key Build server" })).toHaveCount(0);
});
