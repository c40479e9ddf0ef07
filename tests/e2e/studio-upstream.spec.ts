import { expect, test } from "./support/test";
import { newEmail, signUp } from "./support/accounts";
import { e2eCli } from "./support/cli";
import { expectUpload, pngFile } from "./support/studio";

// The studio with a provider model (the fake upstream of the e2e server), once per way a provider returns
// images: each must end as a stored result in the gallery.
const FORMS = ["markdown-url", "markdown-data", "images-array", "images-url", "content-parts"] as const;

for (const form of FORMS) {
  test(`an edit with a provider model returning its image as ${form} lands in the gallery`, async ({ page }) => {
    const slug = await signUp(page, newEmail(`form-${form}`));
    await page.getByLabel("Images to upload").setInputFiles(await pngFile("input.png", 320, 240, "#22aa66"));
    await expectUpload(page, "input.png", "Uploaded");
    await page.getByLabel("Model").selectOption("gpt-4o-image");
    await page.getByLabel("Describe the edit").fill(`add a rainbow [[scenario:${form}]]`);
    await page.getByRole("button", { name: "Run edit" }).click();

    const tile = page.getByTestId("job-tile").first();
    await expect(tile).toHaveAttribute("data-job-state", "succeeded", { timeout: 30_000 });
    const result = tile.getByTestId("job-result").first();
    await expect(result).toBeVisible();
    const assetId = (await result.getAttribute("data-asset-id"))!;
    const thumb = await page.request.get(`/api/files/${assetId}?thumb=1`);
    expect(thumb.status()).toBe(200);
    expect(thumb.headers()["content-type"]).toBe("image/webp");
    const original = await page.request.get(`/api/files/${assetId}`);
    expect(original.headers()["content-type"]).toMatch(/^image\/(png|jpeg|webp)$/);
    const detail = await page.goto(`/${slug}/gallery/${assetId}`);
    expect(detail?.status()).toBe(200);
    const check = await e2eCli(["ledger:check"]);
    expect(check.json).toEqual({ ok: true, drift: [] });
  });
}
