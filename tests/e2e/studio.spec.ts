import { randomBytes } from "node:crypto";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { bombPng } from "../factories/pipeline-images";
import { newEmail, signUp } from "./support/accounts";
import { e2eCli } from "./support/cli";
import { dropFiles, expectUpload, inputIds, jobTimeline, pasteFile, pngFile, recordJobTiles } from "./support/studio";

const MiB = 1024 * 1024;

async function expectLedgerClean() {
  const result = await e2eCli(["ledger:check"]);
  expect(result.json).toMatchObject({ ok: true });
}

async function expectNoImages(page: Page) {
  await page.getByRole("button", { name: "From gallery" }).click();
  const picker = page.getByRole("dialog", { name: "Choose images" });
  await expect(picker.getByText("No images in this workspace yet")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(picker).toBeHidden();
}

test("upload by picker and by drop, reorder, edit with darkroom-local: progress, then results; the hold is what was shown", async ({ page }) => {
  const slug = await signUp(page, newEmail("studio"));
  await expect(page.getByRole("heading", { name: "Upload an image to start" })).toBeVisible();
  await expect(page.getByText("No edits yet")).toBeVisible();
  await expect(page.getByTestId("storage-usage")).toHaveText("Storage: 0 bytes of 2 GB used");

  await page.getByLabel("Images to upload").setInputFiles(await pngFile("red.png", 1024, 768, "#cc2222"));
  await expectUpload(page, "red.png", "Uploaded");
  await dropFiles(page.getByTestId("upload-drop-zone"), [await pngFile("blue.png", 800, 800, "#2244cc")]);
  await expectUpload(page, "blue.png", "Uploaded");
  const [red, blue] = await inputIds(page);
  expect([red, blue].every(Boolean)).toBe(true);

  // Keyboard reordering keeps the focus on the moved image.
  await page.getByRole("button", { name: "Move blue.png left" }).click();
  expect(await inputIds(page)).toEqual([blue, red]);
  await expect(page.getByRole("button", { name: "Move blue.png right" })).toBeFocused();
  await page.keyboard.press("Enter");
  expect(await inputIds(page)).toEqual([red, blue]);

  const prompt = page.getByLabel("Describe the edit");
  await prompt.fill("make it grayscale");
  // The e2e server also has a (fake) provider; this edit is darkroom-local's, which needs no provider.
  await page.getByLabel("Model").selectOption("darkroom-local");
  await page.getByLabel("Variations").selectOption("2");
  const estimate = (await page.getByTestId("credit-estimate-amount").textContent())!;
  expect(estimate).toBe("8 credits"); // 2 images × 2 variations (darkroom-local edits each image) × (1 per request + 1 per image)
  await expect(page.getByTestId("credit-estimate")).toContainText("1,000 credits available");

  await recordJobTiles(page);
  await prompt.press("Control+Enter");
  const tile = page.getByTestId("job-tile").first();
  await expect(tile).toContainText("make it grayscale");
  await expect(tile).toHaveAttribute("data-job-state", "succeeded", { timeout: 30_000 });
  const jobId = (await tile.getAttribute("data-job-id"))!;

  // 2 images × 2 variations, but variations differ by a hue turn, which leaves grey as it is: darkroom-local
  // returns each distinct image once. Each thumbnail really loads through the file route.
  const results = tile.getByTestId("job-result");
  await expect(results).toHaveCount(2);
  const firstThumb = results.first().getByRole("img");
  await expect.poll(() => firstThumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const resultId = (await results.first().getAttribute("data-asset-id"))!;
  await expect(results.first().getByRole("link", { name: /Details/ })).toHaveAttribute("href", `/${slug}/gallery/${resultId}`);

  // Before any result, the tile showed the edit running (or its progress line).
  const timeline = await jobTimeline(page, jobId);
  const firstResult = timeline.findIndex((entry) => !entry.endsWith("|0"));
  const running = timeline.findIndex((entry) => entry.startsWith("running|") || /progress \d+%/.test(entry));
  expect(running, timeline.join("\n")).toBeGreaterThanOrEqual(0);
  expect(running, timeline.join("\n")).toBeLessThan(firstResult);

  // The hold was the estimate; the shell's balance is refreshed once the edit is over.
  await expect(tile.getByTestId("job-credits")).toHaveText(/^Cost: 3 credits$/);
  await expect(page.getByTestId("credit-balance")).toContainText("997");
  await expect(page.getByTestId("credit-balance")).not.toContainText("held by running edits");

  // A reload draws the finished edit from the server, results included.
  await page.reload();
  // Uploads and results count against the workspace's storage quota.
  await expect(page.getByTestId("storage-usage")).toHaveText(/^Storage: [\d.]+ KB of 2 GB used$/);
  const again = page.locator(`[data-job-id="${jobId}"]`);
  await expect(again).toHaveAttribute("data-job-state", "succeeded");
  await expect(again.getByTestId("job-result")).toHaveCount(2);
  await expectLedgerClean();
});

test("rejected uploads say why and store nothing", async ({ page }) => {
  await signUp(page, newEmail("rejects"));
  const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(10 * MiB + 512 * 1024)]);
  await page.getByLabel("Images to upload").setInputFiles([
    { name: "page.png", mimeType: "image/png", buffer: Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>") },
    { name: "drawing.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>') },
    { name: "huge.png", mimeType: "image/png", buffer: bombPng(20_000, 20_000) },
    { name: "big.jpg", mimeType: "image/jpeg", buffer: big },
  ]);
  const types = /isn't a supported image\. Use PNG, JPEG, WebP or GIF\./;
  await expect(await expectUpload(page, "page.png", "Rejected")).toContainText(types);
  await expect(await expectUpload(page, "drawing.svg", "Rejected")).toContainText(types);
  await expect(await expectUpload(page, "huge.png", "Rejected")).toContainText("is 20000 × 20000 pixels (400 MP); the limit is 40 MP.");
  await expect(await expectUpload(page, "big.jpg", "Rejected")).toContainText("is 10.6 MB; the limit is 10 MB.");

  await expect(page.getByText("Images to edit")).toContainText("none yet");
  await expectNoImages(page);
  await page.reload();
  await expectNoImages(page);
});

test("cancelling a running edit stops it and releases its hold", async ({ page }) => {
  await signUp(page, newEmail("cancel"));
  // Two large inputs and twelve heavy blurs: seconds of work, so the cancel lands while it is queued or running.
  await page.getByLabel("Images to upload").setInputFiles([await pngFile("one.png", 2048, 2048, "#884422"), await pngFile("two.png", 2048, 2048, "#224488")]);
  await expectUpload(page, "one.png", "Uploaded");
  await expectUpload(page, "two.png", "Uploaded");
  await page.getByLabel("Describe the edit").fill(Array.from({ length: 12 }, () => "blur 40").join(", "));
  await page.getByLabel("Model").selectOption("darkroom-local");
  await page.getByRole("button", { name: "Run edit" }).click();

  const tile = page.getByTestId("job-tile").first();
  // The elapsed time ticks while the edit waits or runs.
  await expect(tile.getByTestId("job-elapsed")).toHaveText(/^0:0[1-9]$/);
  await expect(tile).toHaveAttribute("data-job-state", /^(queued|running)$/);
  await tile.getByRole("button", { name: /^Cancel the edit/ }).click();
  await expect(tile).toHaveAttribute("data-job-state", "cancelled", { timeout: 30_000 });
  await expect(tile.getByTestId("job-credits")).toHaveText(/^(Cost: \d+ credits?|Not charged)$/);
  const charged = Number(/Cost: (\d+)/.exec((await tile.getByTestId("job-credits").textContent())!)?.[1] ?? 0);
  await expect(page.getByTestId("credit-balance")).toContainText((1000 - charged).toLocaleString("en-US"));
  await expect(page.getByTestId("credit-balance")).not.toContainText("held by running edits");
  await expect(tile.getByRole("button", { name: /^Cancel the edit/ })).toHaveCount(0);
  await expectLedgerClean();
});

test("an edit-again link preloads its inputs, model and prompt; another workspace's image is left out", async ({ page, browser }) => {
  const slug = await signUp(page, newEmail("again"));
  // Pasted (Ctrl/⌘+V of an image) rather than picked.
  await pasteFile(page, await pngFile("mine.png", 640, 480, "#11aa55"));
  await expectUpload(page, "mine.png", "Uploaded");
  const [mine] = await inputIds(page);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage, newEmail("other"));
  await otherPage.getByLabel("Images to upload").setInputFiles(await pngFile("theirs.png", 640, 480, "#aa1155"));
  await expectUpload(otherPage, "theirs.png", "Uploaded");
  const [theirs] = await inputIds(otherPage);
  await other.close();

  await page.goto(`/${slug}?input=${theirs}&input=${mine}&model=darkroom-local&prompt=${encodeURIComponent("rotate it right")}`);
  expect(await inputIds(page)).toEqual([mine]);
  await expect(page.getByText("One image from the link isn't in this workspace any more, so it was left out.")).toBeVisible();
  await expect(page.getByLabel("Describe the edit")).toHaveValue("rotate it right");
  await expect(page.getByLabel("Model")).toHaveValue("darkroom-local");

  // The picker lists this workspace's image (already added), never the other one.
  await page.getByRole("button", { name: "From gallery" }).click();
  const picker = page.getByRole("dialog", { name: "Choose images" });
  await expect(picker.getByRole("listitem")).toHaveCount(1);
  await expect(picker.getByRole("button", { name: /mine\.png/ })).toHaveAttribute("aria-pressed", "true");
  await picker.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Run edit" }).click();
  await expect(page.getByTestId("job-tile").first()).toHaveAttribute("data-job-state", "succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("job-tile").first().getByTestId("job-result")).toHaveCount(1);
});
