import { type Page, type Route } from "@playwright/test";
import { expect, test } from "./support/test";
import { newEmail, PASSWORD, signIn, signUp } from "./support/accounts";
import { expectUpload, inputIds, pngFile } from "./support/studio";

// The studio's compose area as a person uses it, at a desktop and a phone size.
const VIEWPORTS = [
  { name: "desktop", use: { viewport: { width: 1280, height: 800 } } },
  { name: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
] as const;

/** Holds every server-action POST (uploads) until `release` is called, so a test can act while one runs. */
async function holdServerActions(page: Page): Promise<{ release(): Promise<void> }> {
  const held: Route[] = [];
  let holding = true;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (holding && request.method() === "POST" && request.headers()["next-action"]) held.push(route);
    else await route.fallback();
  });
  return {
    async release() {
      holding = false;
      await Promise.all(held.splice(0).map((route) => route.fallback()));
    },
  };
}

/** `locator` is wholly inside the viewport as the page stands (no scrolling). */
async function expectInView(page: Page, locator: ReturnType<Page["locator"]>) {
  const box = (await locator.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
}

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

for (const { name, use } of VIEWPORTS) {
  test.describe(name, () => {
    test.use(use);

    test("Run edit waits for a running upload, then submits exactly the images shown", async ({ page }) => {
      await signUp(page, newEmail(`race-${name}`));
      const run = page.getByRole("button", { name: "Run edit" });
      await page.getByLabel("Describe the edit").fill("make it grayscale");
      const uploads = await holdServerActions(page);
      await page.getByLabel("Images to upload").setInputFiles(await pngFile("slow.png", 640, 480, "#aa3300"));
      await expect(page.locator("[data-upload-status]")).toHaveAttribute("data-upload-status", /queued|uploading/);
      // The upload is still on its way: the form has no image yet, so it cannot be run.
      await expect(run).toBeDisabled();
      await uploads.release();
      await expect(page.getByTestId("input-strip").locator("[data-input-id]")).toHaveCount(1);
      await expect(run).toBeEnabled();
      await run.click();
      await expect(page.getByText("Add at least one image to edit.")).toHaveCount(0);
      const tile = page.getByTestId("job-tile").first();
      await expect(tile).toContainText("make it grayscale");
      await expect(tile).toHaveAttribute("data-job-state", "succeeded", { timeout: 30_000 });
    });

    test("a refused submit keeps the choices, summarises errors above the fields and clears each once fixed", async ({ page }) => {
      await signUp(page, newEmail(`refused-${name}`));
      await page.getByLabel("Images to upload").setInputFiles(await pngFile("one.png", 320, 240, "#3366aa"));
      await expectUpload(page, "one.png", "Uploaded");
      const model = page.getByLabel("Model");
      const options = await model.locator("option").evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value));
      // Not the first model, so a form reset to the first option would show.
      const chosen = options.at(-1) === "darkroom-local" ? options.at(-2)! : "darkroom-local";
      await model.selectOption(chosen);
      await page.getByLabel("Variations").selectOption("2");
      const estimate = await page.getByTestId("credit-estimate").textContent();

      // No description: refused.
      await page.getByRole("button", { name: "Run edit" }).click();
      await expect(page.getByText("Describe the edit you want.").first()).toBeVisible();
      await expect(model).toHaveValue(chosen);
      await expect(page.getByLabel("Variations")).toHaveValue("2");
      await expect(page.getByTestId("credit-estimate")).toHaveText(estimate!);
      expect(await inputIds(page)).toHaveLength(1);
      // The summary comes before the fields it talks about.
      const summary = page.getByRole("alert").filter({ hasText: "Describe the edit you want." }).first();
      await expect(summary).toBeVisible();
      const summaryBox = (await summary.boundingBox())!;
      const promptBox = (await page.getByLabel("Describe the edit").boundingBox())!;
      expect(summaryBox.y + summaryBox.height).toBeLessThanOrEqual(promptBox.y);

      // Fixing the cause clears its error.
      await page.getByLabel("Describe the edit").fill("mirror it");
      await expect(page.getByText("Describe the edit you want.")).toHaveCount(0);
      await expect(page.getByText("Please correct the fields")).toHaveCount(0);
    });

    test("the image is large and Run edit stays in view, empty or not; uploads aren't listed twice; nothing scrolls sideways", async ({ page }) => {
      await signUp(page, newEmail(`layout-${name}`));
      const run = page.getByRole("button", { name: "Run edit" });
      await expectInView(page, run);
      await expectNoSidewaysScroll(page);

      await page.getByLabel("Images to upload").setInputFiles(await pngFile("wide.png", 1600, 900, "#226699"));
      await expectUpload(page, "wide.png", "Uploaded");
      // Uploaded files are shown once: among the images to edit, not again in an upload list.
      await expect(page.locator('[data-upload-status="done"]')).toHaveCount(0);
      const image = page.getByTestId("input-strip").getByRole("img", { name: "wide.png" });
      const box = (await image.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(280);
      expect(box.height).toBeGreaterThanOrEqual(240);
      await expectInView(page, run);
      await expectNoSidewaysScroll(page);

      // With a second image, the bar still stays in view however the page is scrolled.
      await page.getByLabel("Images to upload").setInputFiles(await pngFile("tall.png", 600, 1200, "#996622"));
      await expectUpload(page, "tall.png", "Uploaded");
      await page.getByLabel("Describe the edit").fill("make it grayscale");
      await page.getByLabel("Model").selectOption("darkroom-local");
      await run.click();
      const tile = page.getByTestId("job-tile").first();
      await expect(tile).toHaveAttribute("data-job-state", "succeeded", { timeout: 30_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await expectInView(page, run);
      await expectNoSidewaysScroll(page);
    });

    test("a reload keeps the draft until it is submitted; the model is remembered for the person on any device", async ({ page, browser }) => {
      const email = newEmail(`draft-${name}`);
      await signUp(page, email);
      await page.getByLabel("Images to upload").setInputFiles(await pngFile("keep.png", 400, 300, "#117733"));
      await expectUpload(page, "keep.png", "Uploaded");
      const [kept] = await inputIds(page);
      await page.getByLabel("Describe the edit").fill("rotate it right");
      await page.getByLabel("Model").selectOption("darkroom-local");
      await page.getByLabel("Variations").selectOption("3");

      await page.reload();
      await expect(page.getByLabel("Describe the edit")).toHaveValue("rotate it right");
      await expect(page.getByLabel("Model")).toHaveValue("darkroom-local");
      await expect(page.getByLabel("Variations")).toHaveValue("3");
      expect(await inputIds(page)).toEqual([kept]);
      await expect(page.getByTestId("input-strip").getByRole("img", { name: "keep.png" })).toBeVisible();

      await page.getByRole("button", { name: "Run edit" }).click();
      await expect(page.getByTestId("job-tile").first()).toHaveAttribute("data-job-state", "succeeded", { timeout: 30_000 });
      await page.reload();
      await expect(page.getByLabel("Describe the edit")).toHaveValue("");
      await expect(page.getByText("Images to edit")).toContainText("none yet");
      await expect(page.getByLabel("Model")).toHaveValue("darkroom-local");

      // Another browser (no local storage in common): the last model is the person's default there too.
      const other = await browser.newContext(use);
      const otherPage = await other.newPage();
      await signIn(otherPage, email, PASSWORD);
      await expect(otherPage.getByLabel("Model")).toHaveValue("darkroom-local");
      await other.close();
    });

    test("the model picker shows each model's line, time and price, and says what variations do", async ({ page }) => {
      await signUp(page, newEmail(`models-${name}`));
      const model = page.getByLabel("Model");
      // A newcomer with providers configured starts on a provider model, not the offline one.
      await expect(model).not.toHaveValue("darkroom-local");
      const info = page.getByTestId("model-info");
      await expect(info).toContainText(/about \d+ s · up to \d+ credits? an image/);

      await page.getByRole("button", { name: "Compare models" }).click();
      const dialog = page.getByRole("dialog", { name: "Choose a model" });
      await expect(dialog).toBeVisible();
      const choices = dialog.getByRole("list").getByRole("button");
      expect(await choices.count()).toBe(await model.locator("option").count());
      const local = choices.filter({ hasText: "Darkroom Local" });
      await expect(local).toContainText("Runs here without a provider");
      await expect(local).toContainText("about 1 s · up to 2 credits an image");
      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
      await local.click();
      await expect(dialog).toHaveCount(0);
      await expect(model).toHaveValue("darkroom-local");
      await expect(info).toContainText("Runs here without a provider");

      await page.getByLabel("Images to upload").setInputFiles([await pngFile("a.png", 200, 200, "#aa0000"), await pngFile("b.png", 200, 200, "#00aa00")]);
      await expectUpload(page, "b.png", "Uploaded");
      await page.getByLabel("Variations").selectOption("2");
      await expect(page.getByText("Edits each image on its own: 2 results per image, up to 4 in all.")).toBeVisible();
      await model.selectOption("gpt-4o-image");
      await expect(page.getByText("2 results, each using all 2 images.")).toBeVisible();
      await expect(page.getByTestId("credit-estimate")).toContainText(/^Up to \d+ credits; you pay what it uses/);
      await expectNoSidewaysScroll(page);
    });

    test("a failed edit says what happened in plain words and offers Retry, Try another model, Restore prompt and Clear", async ({ page }) => {
      await signUp(page, newEmail(`failed-${name}`));
      await page.getByLabel("Images to upload").setInputFiles(await pngFile("in.png", 300, 200, "#553399"));
      await expectUpload(page, "in.png", "Uploaded");
      const prompt = "add a rainbow [[scenario:status-400]]";
      await page.getByLabel("Model").selectOption("gpt-4o-image");
      await page.getByLabel("Describe the edit").fill(prompt);
      await page.getByRole("button", { name: "Run edit" }).click();
      // Submitted: the composer is ready for the next prompt.
      await expect(page.getByLabel("Describe the edit")).toHaveValue("");

      const tile = page.getByTestId("job-tile").first();
      await expect(tile).toHaveAttribute("data-job-state", "failed", { timeout: 30_000 });
      await expect(tile.getByTestId("job-outcome")).toContainText("The model didn't respond. You weren't charged.");
      await expect(tile.getByTestId("job-credits")).toHaveText("Not charged");
      // The technical detail is one click away.
      await expect(tile.getByText(/HTTP 400/)).toBeHidden();
      await tile.getByText("Technical detail").click();
      await expect(tile.getByText(/HTTP 400/)).toBeVisible();
      await expectNoSidewaysScroll(page);

      await tile.getByRole("button", { name: "Restore prompt" }).click();
      await expect(page.getByLabel("Describe the edit")).toHaveValue(prompt);
      await expect(page.getByLabel("Describe the edit")).toBeFocused();

      await page.getByLabel("Describe the edit").fill("");
      await page.getByRole("button", { name: "Remove in.png" }).click();
      await tile.getByRole("button", { name: "Try another model" }).click();
      await expect(page.getByLabel("Model")).toBeFocused();
      await expect(page.getByLabel("Describe the edit")).toHaveValue(prompt);
      expect(await inputIds(page)).toHaveLength(1);

      await tile.getByRole("button", { name: "Retry" }).click();
      const tiles = page.getByTestId("job-tile").filter({ hasText: "add a rainbow" });
      await expect(tiles).toHaveCount(2);
      await expect(tiles.first()).toHaveAttribute("data-job-state", "failed", { timeout: 30_000 });

      const firstId = await tiles.last().getAttribute("data-job-id");
      await tiles.last().getByRole("button", { name: /^Clear the edit/ }).click();
      await expect(page.locator(`[data-job-id="${firstId}"]`)).toHaveCount(0);
      await page.reload();
      await expect(page.getByTestId("job-tile")).toHaveCount(1);
    });
  });
}
