import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Controls a person taps or clicks. */
const CONTROLS = 'a[href], button, select, textarea, summary, [role="button"], [role="slider"], input:not([type="hidden"])';

type Problem = { control: string; problem: string };

/**
 * Every control is where it is drawn: at its centre, a tap reaches it (nothing covers it) and it is at least
 * 24×24 CSS px (WCAG 2.2 target size), except links inside a line of text and checkboxes or radios whose
 * label is the target. Runs in the page; scrolls each control into view and puts the scroll back.
 */
function findControlProblems(selector: string): Problem[] {
  const problems: Problem[] = [];
  const scroll = { x: window.scrollX, y: window.scrollY };
  const describe = (el: Element) => `${el.tagName.toLowerCase()} “${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 60)}”`;
  const hidden = (el: HTMLElement) => {
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    // sr-only elements (1×1, clipped) are for screen readers; they are not tapped.
    // checkVisibility: false inside a closed <details> or anything else that isn't rendered.
    return !el.checkVisibility({ visibilityProperty: true }) || style.display === "none" || rect.width <= 1 || rect.height <= 1 || el.closest("[inert], dialog:not([open]), [aria-hidden='true']") !== null;
  };
  // WCAG's exception: a link inside a sentence (its parent has text of its own around it).
  const inlineInText = (el: HTMLElement) =>
    el.tagName === "A" && [...(el.parentElement?.childNodes ?? [])].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? "").trim() !== "");
  // Behind an open modal dialog nothing can be tapped, by design: then only the dialog's controls count.
  const modal = document.querySelector("dialog:modal");
  for (const el of document.querySelectorAll<HTMLElement>(selector)) {
    if (modal && !modal.contains(el)) continue;
    // A disabled control can't be tapped at all (and lets taps through to what is under it).
    if (hidden(el) || el.matches(":disabled")) continue;
    const toggle = el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio" || el.type === "range");
    const target: HTMLElement = toggle && el.type !== "range" ? (el.closest("label") ?? el) : el;
    let rect = target.getBoundingClientRect();
    if (rect.top < 0 || rect.left < 0 || rect.bottom > window.innerHeight || rect.right > window.innerWidth) {
      el.scrollIntoView({ block: "center", inline: "center" });
      rect = target.getBoundingClientRect();
    }
    if (!inlineInText(target) && (rect.width < 24 || rect.height < 24)) {
      problems.push({ control: describe(el), problem: `${Math.round(rect.width)}×${Math.round(rect.height)} px, under 24×24` });
    }
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) {
      problems.push({ control: describe(el), problem: "outside the viewport even when scrolled to" });
      continue;
    }
    const hit = document.elementFromPoint(x, y);
    const reaches = hit !== null && (target.contains(hit) || el.contains(hit) || (el.id !== "" && hit.closest(`label[for="${CSS.escape(el.id)}"]`) !== null));
    if (!reaches) problems.push({ control: describe(el), problem: `covered by ${hit ? describe(hit) : "nothing (off-screen)"}` });
  }
  window.scrollTo(scroll.x, scroll.y);
  return problems;
}

/**
 * What every page must satisfy, at the viewport the test runs: no horizontal scrolling, every control tappable
 * where it is drawn, and no serious or critical axe violation (target size included).
 */
export async function checkPage(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  // After a client-side navigation (a server action's redirect) Next sets document.title a moment after the URL
  // changes; a page that never gets one still fails here, with the title assertion's own message.
  await expect(page, "every page has a non-empty <title>").not.toHaveTitle("");
  const where = new URL(page.url()).pathname;
  // On an emulated phone the layout viewport widens to fit content that overflows (innerWidth follows it), so the
  // page is measured against the screen's width, not innerWidth.
  const screenWidth = page.viewportSize()!.width;
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  const widest = Math.max(scrollWidth, innerWidth);
  const controls = await page.evaluate(findControlProblems, CONTROLS);
  const results = await new AxeBuilder({ page }).options({ rules: { "target-size": { enabled: true } } }).analyze();
  const axe = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`) }));
  // One assertion with every finding, so a failure lists all of a page's problems at once.
  const found = { sidewaysScroll: widest > screenWidth ? `${widest} px wide on a ${screenWidth} px screen` : null, controls, axe };
  expect(found, `${where} at ${screenWidth} px: sideways scrolling, controls that can't be tapped where drawn, serious axe violations`).toEqual({ sidewaysScroll: null, controls: [], axe: [] });
}
