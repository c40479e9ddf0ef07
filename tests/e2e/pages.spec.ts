import { PASSWORD, newEmail, signIn, signUp, submitSignUp } from "./support/accounts";
import { seedEdit } from "./support/gallery";
import { checkPage, expect, test, VIEWPORTS } from "./support/test";

// Every page of the product at both viewports, in the states people find them in (an edit in the gallery, a key
// on the keys page): `page.goto` runs checkPage on each (no sideways scrolling, every control tappable where it
// is drawn, no serious or critical axe violation).
for (const [name, use] of Object.entries(VIEWPORTS)) {
  test.describe(`at the ${name} viewport`, () => {
    test.use(use);

    test("the public pages fit and pass the accessibility checks", async ({ page }) => {
      test.setTimeout(150_000); // also the mailed links' pages and an unverified studio
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // The landing page shows what an edit does: the offline model's before and after.
      const sample = page.getByRole("region", { name: "One edit, before and after" });
      await expect(sample.getByRole("img", { name: /^Before/ })).toBeVisible();
      await expect(sample.getByRole("img", { name: /^After/ })).toBeVisible();
      for (const which of ["before", "after"]) {
        const png = await page.request.get(`/api/landing/${which}.png`);
        expect(png.headers()["content-type"]).toBe("image/png");
        expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");
      }
      await page.goto("/sign-up");
      await page.goto("/sign-in");
      // An error alert (its red used to be 4.38:1 on its tint).
      await page.getByLabel("Email").fill("nobody@e2e.test");
      await page.getByLabel("Password").fill("not the password at all");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "don't match" })).toBeVisible();
      await checkPage(page);
      // The pages mailed links open, and the check-your-inbox page with its resend answer.
      await page.goto("/verify-email?token=not-a-real-token");
      await page.getByRole("button", { name: "Confirm and sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "This link is not valid" })).toBeVisible();
      await checkPage(page);
      await page.goto("/account/confirm-email?token=not-a-real-token");
      const email = newEmail(`trial-${name}`);
      await page.goto(`/sign-up/check-inbox?email=${encodeURIComponent(email)}`);
      await page.getByRole("button", { name: "Send the link again" }).click();
      await expect(page.getByRole("status").filter({ hasText: "a new link is on its way" })).toBeVisible();
      await checkPage(page);
      // An unverified account's studio, with its banner.
      await submitSignUp(page, email, "Tri Al");
      await signIn(page, email, PASSWORD);
      await expect(page.getByRole("region", { name: "Email verification" })).toBeVisible();
      await checkPage(page);
    });

    test("every workspace page fits and passes the accessibility checks", async ({ page }) => {
      // Ten pages, each measured control by control and by axe: slow on a shared machine.
      test.setTimeout(180_000);
      const email = newEmail(`pages-${name}`);
      const slug = await signUp(page, email, "Paige Viewer");
      const edit = await seedEdit(email, slug, "make the sky dramatic");
      for (const path of ["", "/gallery", `/gallery/${edit.resultId}`, `/gallery/${edit.uploadId}`, "/keys", "/usage", "/settings"]) {
        await page.goto(`/${slug}${path}`);
      }
      await page.goto("/account");
      await expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible();
      await page.goto(`/${slug}/gallery/not-an-image`);
      await expect(page.getByRole("heading", { name: "This page doesn't exist" })).toBeVisible();
      // The keys page once a key exists: its table was the widest thing on a phone.
      await page.goto(`/${slug}/keys`);
      await page.getByLabel("Name").fill("Phone check");
      await page.getByRole("button", { name: "Create key" }).click();
      await expect(page.getByRole("region", { name: /Key “Phone check” created/ })).toBeVisible();
      await checkPage(page);
      await page.goto(`/${slug}/keys`);
      await page.getByRole("button", { name: "Revoke key Phone check" }).click();
      await page.getByRole("dialog", { name: "Revoke “Phone check”?" }).getByRole("button", { name: "Revoke key" }).click();
      await expect(page.getByText("Revoked", { exact: true }).filter({ visible: true }).first()).toBeVisible();
      await page.goto(`/${slug}/keys`);
      // The badge (its red was 4.29:1 on its tint): a table cell on a desktop, a card on a phone.
      await expect(page.getByText("Revoked", { exact: true }).filter({ visible: true })).toBeVisible();
    });
  });
}
