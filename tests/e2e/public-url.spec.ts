import { expect, test } from "./support/test";
import { newEmail, signUp } from "./support/accounts";

// The e2e server runs in production with PUBLIC_URL = the baseURL (http://127.0.0.1:<port>).

test("sign-up at 127.0.0.1 lands signed in there, and the session holds on the next page", async ({ page, baseURL }) => {
  const slug = await signUp(page, newEmail("origin"));
  expect(new URL(page.url()).origin).toBe(baseURL);
  await page.goto(`/${slug}/gallery`);
  await expect(page).toHaveURL(`${baseURL}/${slug}/gallery`);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("in production, another host name gets a page naming PUBLIC_URL instead of a silent sign-out", async ({ page, baseURL }) => {
  const otherHost = baseURL!.replace("127.0.0.1", "localhost");
  const response = await page.goto(`${otherHost}/sign-up`);
  expect(response?.status()).toBe(421);
  await expect(page.getByRole("heading", { name: "This Darkroom lives at another address" })).toBeVisible();
  await expect(page.getByRole("link", { name: baseURL })).toHaveAttribute("href", baseURL!);
  await expect(page.getByText("PUBLIC_URL", { exact: true })).toBeVisible();
});
