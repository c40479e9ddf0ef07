// Helpers for the studio's browser tests: images made on the spot, a real drop event, and a record of every
// state a job tile showed.
import { expect, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";

export type TestFile = { name: string; mimeType: string; buffer: Buffer };

/** A solid-colour PNG. */
export async function pngFile(name: string, width: number, height: number, colour: string): Promise<TestFile> {
  const buffer = await sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();
  return { name, mimeType: "image/png", buffer };
}

/** Drops files on `target` the way a browser does: dragenter, dragover, then drop with a DataTransfer. */
export async function dropFiles(target: Locator, files: TestFile[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString("base64") }));
  const dataTransfer = await target.page().evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], f.name, { type: f.mimeType }));
    }
    return transfer;
  }, payload);
  for (const type of ["dragenter", "dragover", "drop"]) await target.dispatchEvent(type, { dataTransfer });
}

/** Pastes a file into the page as Ctrl/⌘+V of a copied image would: a paste event carrying it. */
export async function pasteFile(page: Page, file: TestFile): Promise<void> {
  await page.evaluate(({ name, mimeType, base64 }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: mimeType }));
    document.body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString("base64") });
}

/**
 * The upload row of a file, once it shows `status` ("Rejected", "Failed"…); for "Uploaded", the file's place
 * among the images to edit (an uploaded file leaves the upload list for it).
 */
export async function expectUpload(page: Page, name: string, status: string): Promise<Locator> {
  if (status === "Uploaded") {
    const input = page.getByTestId("input-strip").locator("[data-input-id]").filter({ has: page.getByRole("img", { name, exact: true }) });
    await expect(input).toBeVisible({ timeout: 20_000 });
    return input;
  }
  const item = page.locator("[data-upload-status]").filter({ has: page.getByText(name, { exact: true }) });
  await expect(item).toContainText(status, { timeout: 20_000 });
  return item;
}

/** The ids of the edit's input images, in order. */
export function inputIds(page: Page): Promise<string[]> {
  return page.getByTestId("input-strip").locator("[data-input-id]").evaluateAll((items) => items.map((i) => i.getAttribute("data-input-id")!));
}

/**
 * From now on, records each distinct state every job tile shows ("<state>|<progress text>|<results>"), at every
 * DOM change, so a test can tell what was on screen before the result even when the edit is quick.
 */
export async function recordJobTiles(page: Page): Promise<void> {
  await page.evaluate(() => {
    const timeline: Record<string, string[]> = {};
    (window as unknown as { __jobTimeline: typeof timeline }).__jobTimeline = timeline;
    const snapshot = () => {
      for (const tile of document.querySelectorAll<HTMLElement>('[data-testid="job-tile"]')) {
        const text = tile.querySelector('[data-testid="job-progress-text"]')?.textContent ?? "";
        const entry = `${tile.dataset.jobState}|${text}|${tile.querySelectorAll('[data-testid="job-result"]').length}`;
        const list = (timeline[tile.dataset.jobId!] ??= []);
        if (list.at(-1) !== entry) list.push(entry);
      }
    };
    new MutationObserver(snapshot).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

export async function jobTimeline(page: Page, jobId: string): Promise<string[]> {
  return page.evaluate((id) => (window as unknown as { __jobTimeline: Record<string, string[]> }).__jobTimeline[id] ?? [], jobId);
}
