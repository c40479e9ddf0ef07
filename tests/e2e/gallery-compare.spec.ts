import { newEmail, signUp } from "./support/accounts";
import { seedEdit, seedTwoInputEdit } from "./support/gallery";
import { expect, test, VIEWPORTS } from "./support/test";

for (const [name, use] of Object.entries(VIEWPORTS)) {
  test.describe(`at the ${name} viewport`, () => {
    test.use(use);

    test("each result of a two-input edit is compared with its own input, side by side when rotated", async ({ page }) => {
      const email = newEmail(`compare-${name}`);
      const slug = await signUp(page, email, "Cora Pare");
      const edit = await seedTwoInputEdit(email, slug);

      // The second result first: its page used to compare it with the first input.
      for (const i of [1, 0]) {
        const resultId = edit.resultIds[i]!;
        await page.goto(`/${slug}/gallery/${resultId}`);
        const compare = page.getByRole("region", { name: "Before and after" });
        const before = compare.getByRole("img", { name: /^Before/ });
        const after = compare.getByRole("img", { name: /^After/ });
        await expect(before).toHaveAttribute("src", `/api/files/${edit.inputIds[i]}`);
        await expect(after).toHaveAttribute("src", `/api/files/${resultId}`);
        // A 90° turn changes the shape: the two stand side by side, each whole, instead of a letterboxed slider.
        await expect(compare.getByRole("slider")).toHaveCount(0);
        const [b, a] = [(await before.boundingBox())!, (await after.boundingBox())!];
        expect(b.x + b.width).toBeLessThanOrEqual(a.x + 1);
        expect(Math.abs(b.y - a.y)).toBeLessThanOrEqual(1);
        const shapes = await compare.getByRole("img").evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).getBoundingClientRect().width / (img as HTMLImageElement).getBoundingClientRect().height));
        const natural = await compare.getByRole("img").evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth / (img as HTMLImageElement).naturalHeight));
        shapes.forEach((shape, j) => expect(Math.abs(shape - natural[j]!)).toBeLessThan(0.05));

        // Its lineage lists only its own input, not the other one.
        const lineage = page.getByRole("region", { name: "Lineage" });
        await expect(lineage.getByRole("link", { name: /^Source/ })).toHaveCount(1);
        await expect(lineage.getByRole("link", { name: /^Source/ })).toHaveAttribute("href", `/${slug}/gallery/${edit.inputIds[i]}`);
      }
    });

    test("a result the same shape as its input is compared with a slider over it", async ({ page }) => {
      const email = newEmail(`slider-${name}`);
      const slug = await signUp(page, email, "Sly Der");
      const edit = await seedEdit(email, slug, "make it warmer");
      await page.goto(`/${slug}/gallery/${edit.resultId}`);
      const compare = page.getByRole("region", { name: "Before and after" });
      await expect(compare.getByRole("img", { name: /^Before/ })).toHaveAttribute("src", `/api/files/${edit.uploadId}`);
      const slider = compare.getByRole("slider", { name: "Compare before and after" });
      await expect(slider).toHaveValue("50");
      await slider.focus();
      await page.keyboard.press("End");
      await expect(slider).toHaveValue("100");
    });
  });
}
