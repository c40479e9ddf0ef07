import { expect, test, type Page, type Route } from "@playwright/test";
import { newEmail, signUp } from "./support/accounts";
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
  });
}
