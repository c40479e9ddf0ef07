import fs from "node:fs";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { newEmail, signUp } from "./support/accounts";
import { seedEdit } from "./support/gallery";
import { expectUpload, pngFile } from "./support/studio";
import { parseCsv } from "../support/parse-csv";

// A zone other than the server's UTC, so the page has to learn it from the browser.
test.use({ timezoneId: "America/New_York" });

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("charged calls show in the Usage chart and table, and the CSV download has the same rows, at desktop and phone widths", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const email = newEmail("usage");
  const slug = await signUp(page, email, "Uma Sage");

  // One real edit in the studio (admitted and settled by the product), one seeded finished edit of 17 credits.
  await page.getByLabel("Images to upload").setInputFiles(await pngFile("teal.png", 320, 240, "#0f766e"));
  await expectUpload(page, "teal.png", "Uploaded");
  await page.getByLabel("Describe the edit").fill("make it grayscale");
  await page.getByLabel("Describe the edit").press("Control+Enter");
  const tile = page.getByTestId("job-tile").first();
  await expect(tile).toHaveAttribute("data-job-state", "succeeded", { timeout: 60_000 });
  const charged = Number(/^Cost: (\d+)/.exec((await tile.getByTestId("job-credits").textContent())!)?.[1] ?? 0);
  await seedEdit(email, slug, "seeded for usage");

  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Usage" }).click();
  // The page puts the browser's zone in the URL.
  await expect(page).toHaveURL(/[?&]tz=America%2FNew_York/);
  await expect(page.getByText("Times and buckets in America/New_York.")).toBeVisible();
  await expect(page.getByTestId("usage-total-credits")).toHaveText(String(charged + 17));
  await expect(page.getByTestId("usage-total-calls")).toHaveText("2");
  await expect(page.getByTestId("usage-total-images")).toHaveText("2");

  const chart = page.getByRole("region", { name: /per day, by member/ });
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(chart.getByRole("img", { name: new RegExp(`^Credits per day: ${charged + 17} in total`) })).toBeVisible();
  // Keyboard: the metric switch is a set of toggle buttons.
  await chart.getByRole("button", { name: "Calls" }).focus();
  await page.keyboard.press("Enter");
  await expect(chart.getByRole("button", { name: "Calls" })).toHaveAttribute("aria-pressed", "true");
  await expect(chart.getByRole("heading", { name: "Calls per day, by member" })).toBeVisible();
  await chart.getByText("Show the numbers").click();
  await expect(chart.getByRole("columnheader", { name: "Uma Sage" })).toBeVisible();

  const rows = page.getByTestId("usage-row");
  await expect(rows).toHaveCount(2);
  const tableIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-record-id")));
  // The 17-credit call's credits cell, exactly: a row's time (e.g. "7:17 PM") may hold "17" too.
  await expect(rows.filter({ has: page.getByRole("cell", { name: "17", exact: true }) })).toHaveCount(1);
  await noSidewaysScroll(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^darkroom-${slug}-usage-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const [header, ...csv] = parseCsv(fs.readFileSync((await file.path())!, "utf8"));
  expect(header![0]).toBe("created_at");
  expect(csv.map((r) => r[14])).toEqual(tableIds);
  expect(csv.map((r) => Number(r[8])).sort((a, b) => a - b)).toEqual([charged, 17].sort((a, b) => a - b));

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("usage-row")).toHaveCount(2);
  await expect(page.getByRole("region", { name: /per day, by member/ }).locator(".recharts-bar-rectangle").first()).toBeVisible();
  await noSidewaysScroll(page);
});

test("a workspace without usage says so", async ({ page }) => {
  const slug = await signUp(page, newEmail("usage-empty"));
  await page.goto(`/${slug}/usage`);
  await expect(page.getByRole("heading", { name: "No usage in this range" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
});
