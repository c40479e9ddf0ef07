import { newEmail, signUp } from "./support/accounts";
import { seedEdit, seedTwoInputEdit } from "./support/gallery";
import { expect, test, VIEWPORTS } from "./support/test";

for (const [name, use] of Object.entries(VIEWPORTS)) {
  test.describe(`at the ${name} viewport`, () => {
    test.use(use);

    test("tiles keep their shape and show the prompt; search, uploads/results chips and folded filters", async ({ page }) => {
      const email = newEmail(`browse-${name}`);
      const slug = await signUp(page, email, "Bea Rowse");
      await seedEdit(email, slug, "paint the sky violet");
      await seedTwoInputEdit(email, slug);
      await page.goto(`/${slug}/gallery`);
      const images = page.getByRole("region", { name: "Images" });
      const tiles = images.getByRole("listitem");
      await expect(tiles).toHaveCount(6);

      // The first tile is on the first screen: the filters are one search box and a row of chips.
      const firstTile = (await tiles.first().boundingBox())!;
      expect(firstTile.y + 40).toBeLessThan(use.viewport.height);
      await expect(page.getByLabel("Model")).toBeHidden();

      // Each tile's frame has its image's shape (no square crops): the 300×480 portrait turned landscape and back.
      const shapes = await images.locator("li a").evaluateAll((links) =>
        links.map((a) => {
          const img = a.querySelector("img")!;
          const box = a.getBoundingClientRect();
          return { frame: box.width / box.height, image: Number(img.getAttribute("width")) / Number(img.getAttribute("height")) };
        }),
      );
      for (const { frame, image } of shapes) expect(Math.abs(frame - Math.min(2.5, Math.max(0.4, image)))).toBeLessThan(0.05);
      expect(new Set(shapes.map((s) => s.image.toFixed(2))).size).toBeGreaterThan(1);

      // The prompt is the caption and in the alt text, with the model's name rather than its id.
      const result = page.getByRole("link", { name: "Result of “paint the sky violet” with Darkroom Local (offline), by Bea Rowse" });
      await expect(result).toBeVisible();
      await expect(tiles.filter({ has: result })).toContainText("paint the sky violet");
      await expect(tiles.filter({ has: result })).toContainText("Darkroom Local (offline)");

      // Search by prompt.
      await page.getByRole("searchbox", { name: "Search prompts and file names" }).fill("sky violet");
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/\?q=sky\+violet$/);
      await expect(tiles).toHaveCount(1);
      await expect(result).toBeVisible();
      await page.getByRole("link", { name: "Remove the search “sky violet”" }).click();
      await expect(tiles).toHaveCount(6);

      // Uploads only, results only.
      const kinds = page.getByRole("group", { name: "Kind of image" });
      await kinds.getByRole("link", { name: "Uploads" }).click();
      await expect(page).toHaveURL(/\?kind=upload$/);
      await expect(tiles).toHaveCount(3);
      await expect(images.getByRole("img", { name: /^Result of/ })).toHaveCount(0);
      await expect(kinds.getByRole("link", { name: "Uploads" })).toHaveAttribute("aria-current", "true");
      await kinds.getByRole("link", { name: "Results" }).click();
      await expect(tiles).toHaveCount(3);
      await expect(images.getByRole("img", { name: /^Upload/ })).toHaveCount(0);

      // The rest are folded under "More filters", and each one in force is a chip that removes it.
      await page.getByText("More filters").click();
      await page.getByLabel("Created by").selectOption({ label: "Bea Rowse" });
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(/kind=result.*creator=/);
      await expect(page.getByRole("link", { name: "Remove the filter By Bea Rowse" })).toBeVisible();
      await expect(tiles).toHaveCount(3);
      await page.getByRole("link", { name: "Clear all" }).click();
      await expect(tiles).toHaveCount(6);
    });
  });
}
