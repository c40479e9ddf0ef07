import { newEmail, signUp } from "./support/accounts";
import { seedEdit } from "./support/gallery";
import { expect, test, VIEWPORTS } from "./support/test";

for (const [name, use] of Object.entries(VIEWPORTS)) {
  test.describe(`at the ${name} viewport`, () => {
    test.use(use);

    test("the detail page: toolbar on one line, zoom at the pointer, the actions and prompt first, Delete quiet", async ({ page }) => {
      const email = newEmail(`detail-${name}`);
      const slug = await signUp(page, email, "Dee Tail");
      const edit = await seedEdit(email, slug, "make it look like a postcard");
      await page.goto(`/${slug}/gallery/${edit.resultId}`);

      // Every control of the viewer's toolbar sits on one line.
      const toolbar = page.getByTestId("viewer-toolbar");
      const tops = await toolbar.locator("button, a, output").evaluateAll((items) => items.map((i) => Math.round(i.getBoundingClientRect().top + i.getBoundingClientRect().height / 2)));
      expect(tops.length).toBe(6);
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(2);

      // Actions: edit this result first, Run again, Download; Delete outlined like the secondary ones, not solid red.
      const details = page.getByRole("complementary", { name: "Details" });
      const actions = details.getByRole("link").or(details.getByRole("button"));
      await expect(actions.first()).toHaveText(/Edit this result/);
      const background = (label: string) => details.getByRole(label === "Delete" ? "button" : "link", { name: label }).evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(await background("Delete")).toBe(await background("Download original"));

      // Where the actions and prompt are: right under the image (on a phone, before the comparison).
      const viewerBottom = (await toolbar.boundingBox())!.y + (await toolbar.boundingBox())!.height;
      const editBox = (await details.getByRole("link", { name: "Edit this result" }).boundingBox())!;
      const promptBox = (await details.getByText("make it look like a postcard").boundingBox())!;
      const compareBox = (await page.getByRole("heading", { name: "Before and after" }).boundingBox())!;
      if (name === "phone") {
        expect(editBox.y).toBeGreaterThan(viewerBottom);
        expect(editBox.y - viewerBottom).toBeLessThan(60);
        expect(promptBox.y).toBeLessThan(compareBox.y);
      } else {
        // Beside the image, at its top.
        expect(editBox.x).toBeGreaterThan((await toolbar.boundingBox())!.x + (await toolbar.boundingBox())!.width);
        expect(editBox.y).toBeLessThan(200);
      }

      // A click zooms in on the point clicked: that point of the image stays under the pointer.
      const image = page.getByRole("img", { name: "Result of “make it look like a postcard”" });
      const before = (await image.boundingBox())!;
      const point = { x: before.x + before.width * 0.8, y: before.y + Math.min(before.height * 0.7, 200) };
      const fraction = { x: (point.x - before.x) / before.width, y: (point.y - before.y) / before.height };
      await page.mouse.click(point.x, point.y);
      await expect(page.getByRole("status", { name: "Zoom level" })).toHaveText("200%");
      const after = (await image.boundingBox())!;
      expect(after.width).toBeGreaterThan(before.width * 1.9);
      expect(Math.abs(after.x + after.width * fraction.x - point.x)).toBeLessThan(3);
      expect(Math.abs(after.y + after.height * fraction.y - point.y)).toBeLessThan(3);
    });
  });
}
