import { createHash } from "node:crypto";
import fs from "node:fs";
import { expect, test } from "./support/test";
import { newEmail, signUp } from "./support/accounts";
import { e2eCli } from "./support/cli";
import { dropFiles, expectUpload, jobTimeline, pngFile, recordJobTiles } from "./support/studio";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

// The whole path a new person takes with no provider configured: upload → edit → gallery → edit again → lineage
// → download, all through the UI of the production build.
test("a new user goes from upload to a second-generation edit and downloads it, with the lineage of both steps", async ({ page }) => {
  const slug = await signUp(page, newEmail("journey"), "Jo Urney");
  await page.getByLabel("Images to upload").setInputFiles(await pngFile("sunset.png", 600, 400, "#f97316"));
  await expectUpload(page, "sunset.png", "Uploaded");
  await dropFiles(page.getByTestId("upload-drop-zone"), [await pngFile("sea.png", 300, 300, "#0ea5e9")]);
  await expectUpload(page, "sea.png", "Uploaded");
  await page.getByRole("button", { name: /Remove sea\.png/ }).click();

  await recordJobTiles(page);
  await page.getByLabel("Describe the edit").fill("make it sepia");
  await page.getByLabel("Model").selectOption("darkroom-local");
  await page.getByRole("button", { name: "Run edit" }).click();
  const first = page.getByTestId("job-tile").first();
  await expect(first).toHaveAttribute("data-job-state", "succeeded", { timeout: 30_000 });
  const firstJob = (await first.getAttribute("data-job-id"))!;
  const timeline = await jobTimeline(page, firstJob);
  const shownWorking = timeline.findIndex((entry) => entry.startsWith("running|") || /progress \d+%/.test(entry));
  const shownResult = timeline.findIndex((entry) => !entry.endsWith("|0"));
  expect(shownWorking, timeline.join("\n")).toBeGreaterThanOrEqual(0);
  expect(shownWorking).toBeLessThan(shownResult);

  // The result in the gallery, compared with its input.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Gallery" }).click();
  await page.getByRole("region", { name: "Images" }).getByRole("link", { name: /^Result of “make it sepia” with Darkroom Local/ }).first().click();
  await expect(page.getByRole("slider", { name: "Compare before and after" })).toBeVisible();
  const firstResult = new URL(page.url()).pathname.split("/").at(-1)!;

  // Edit this result: the studio opens with it as the input and an empty prompt.
  await page.getByRole("link", { name: "Edit this result" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}\\?`));
  await expect(page.getByLabel("Describe the edit")).toHaveValue("");
  await expect(page.getByTestId("input-strip").locator(`[data-input-id="${firstResult}"]`)).toBeVisible();
  await page.getByLabel("Describe the edit").fill("now mirror it");
  await page.getByRole("button", { name: "Run edit" }).click();
  const second = page.getByTestId("job-tile").filter({ hasText: "now mirror it" });
  await expect(second).toHaveAttribute("data-job-state", "succeeded", { timeout: 30_000 });
  const secondResult = (await second.getByTestId("job-result").first().getAttribute("data-asset-id"))!;

  // Its lineage is a tree of both steps: the upload, the first result under it, this image under that.
  await page.goto(`/${slug}/gallery/${secondResult}`);
  const lineage = page.getByRole("list", { name: "Lineage, from the first source to the latest edit" });
  await expect(lineage.getByRole("link")).toHaveCount(2);
  await expect(lineage.getByRole("link").first()).toHaveAccessibleName(/^Earlier source: upload/);
  await expect(lineage.getByRole("link").last()).toHaveAccessibleName(/^Source: Darkroom Local \(offline\): “make it sepia”/);
  await lineage.getByRole("link").last().click();
  await expect(page).toHaveURL(new RegExp(`/gallery/${firstResult}$`));
  await expect(page.getByRole("list", { name: "Lineage, from the first source to the latest edit" }).getByRole("link", { name: /^Edit: / })).toHaveCount(1);

  // The downloaded original is exactly the stored object (the file route's ETag is its sha256).
  await page.goto(`/${slug}/gallery/${secondResult}`);
  const downloadEvent = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download original" }).click();
  const bytes = fs.readFileSync((await (await downloadEvent).path())!);
  const stored = await page.request.get(`/api/files/${secondResult}`);
  expect(stored.status()).toBe(200);
  expect(sha256(bytes)).toBe(sha256(await stored.body()));
  expect(`"${sha256(bytes)}"`).toBe(stored.headers()["etag"]);
  expect((await e2eCli(["ledger:check"])).json).toEqual({ ok: true, drift: [] });
});
