import { newEmail, signUp } from "./support/accounts";
import { expect, test, VIEWPORTS } from "./support/test";

test.use(VIEWPORTS.phone);

// On a 390 px phone with a key listed: the page doesn't scroll sideways, "Create key" and "Revoke" take a real
// tap where they are drawn, and the confirmation opens in the middle of what the phone shows.
test("on a phone, keys are created and revoked with taps, and the confirmation is centred on screen", async ({ page }) => {
  const slug = await signUp(page, newEmail("keys-phone"), "Fay Phone");
  await page.goto(`/${slug}/keys`);
  await page.getByLabel("Name").fill("Pocket key");
  await page.getByRole("button", { name: "Create key" }).tap();
  await expect(page.getByRole("region", { name: /Key “Pocket key” created/ })).toBeVisible();

  await page.goto(`/${slug}/keys`);
  // innerWidth too: on a phone the layout viewport widens to whatever overflows it.
  const width = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, window.innerWidth));
  expect(width).toBeLessThanOrEqual(390);
  const revoke = page.getByRole("button", { name: "Revoke key Pocket key" });
  await revoke.scrollIntoViewIfNeeded();
  const box = (await revoke.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await revoke.tap();

  const dialog = page.getByRole("dialog", { name: "Revoke “Pocket key”?" });
  await expect(dialog).toBeVisible();
  const view = await page.evaluate(() => ({ left: visualViewport!.offsetLeft, top: visualViewport!.offsetTop, width: visualViewport!.width, height: visualViewport!.height }));
  const shown = (await dialog.boundingBox())!;
  // boundingBox is in the layout viewport's coordinates; the dialog lies inside what the phone shows, centred.
  expect(shown.x).toBeGreaterThanOrEqual(view.left);
  expect(shown.y).toBeGreaterThanOrEqual(view.top);
  expect(shown.x + shown.width).toBeLessThanOrEqual(view.left + view.width);
  expect(shown.y + shown.height).toBeLessThanOrEqual(view.top + view.height);
  expect(Math.abs(shown.x + shown.width / 2 - (view.left + view.width / 2))).toBeLessThanOrEqual(2);
  expect(Math.abs(shown.y + shown.height / 2 - (view.top + view.height / 2))).toBeLessThanOrEqual(2);

  await dialog.getByRole("button", { name: "Revoke key" }).tap();
  await expect(page.getByRole("row", { name: /Pocket key/ }).or(page.getByRole("listitem").filter({ hasText: "Pocket key" }))).toContainText("Revoked");
});
