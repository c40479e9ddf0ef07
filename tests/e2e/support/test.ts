// The suite's `test`: Playwright's, with every page a test opens checked by `checkPage` (after each `page.goto`
// and on the page a test ends on), so accessibility and phone layout are asserted on every page the suite
// visits, at whatever viewport the test runs. Specs import `test` and `expect` from here, not from Playwright.
import { test as base, expect, type Page } from "@playwright/test";
import { checkPage } from "./check-page";

export { expect };
export { checkPage };

/** The two viewports the UI is built for. A phone is emulated as one: touch, mobile viewport, 3× pixels. */
export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

function isHtml(response: Awaited<ReturnType<Page["goto"]>>): boolean {
  return !response || (response.headers()["content-type"] ?? "").startsWith("text/html");
}

export const test = base.extend({
  // `use` is Playwright's fixture callback, not a React hook.
  page: async ({ page }, provide, testInfo) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      if (isHtml(response)) await checkPage(page);
      return response;
    };
    await provide(page);
    // The page a test ends on was often reached by a click, not a goto: check it too (unless the test failed).
    if (testInfo.status === testInfo.expectedStatus && !page.isClosed() && page.url().startsWith("http")) await checkPage(page);
  },
});
