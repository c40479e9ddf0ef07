import { type Page } from "@playwright/test";
import { checkPage, expect, test, VIEWPORTS } from "./support/test";
import { newEmail, PASSWORD, signIn } from "./support/accounts";
import { e2eCli } from "./support/cli";
import { runSeed } from "./support/gallery";
import type { SeedUsage } from "./support/seed-platform-usage";

// The viewer's zone is not the server's UTC: days are New York days (UTC−4 in March), so a call at 02:30 UTC on the
// 11th belongs to the 10th.
const ZONE = "America/New_York";
test.use({ timezoneId: ZONE });
// Accounts through the CLI (a process each), a seed, and many pages: give them room on a busy machine.
test.slow();

async function newAdmin(page: Page): Promise<void> {
  const email = newEmail("usage-admin");
  const created = await e2eCli(["user:create", "--email", email, "--password", PASSWORD, "--admin"]);
  expect(created.code, created.stderr).toBe(0);
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
}

async function customer(label: string): Promise<{ email: string; slug: string; userId: string }> {
  const email = newEmail(label);
  const created = await e2eCli(["user:create", "--email", email, "--password", PASSWORD, "--name", `${label} person`]);
  expect(created.code, created.stderr).toBe(0);
  const { workspace: slug, userId } = created.json as { workspace: string; userId: string };
  return { email, slug, userId };
}

/**
 * Two workspaces' calls over three New York days (`day0`, +1, +2): distinct models, sources, statuses and a key, a
 * pending call (not finished: counted nowhere), and a burst of 120 calls on the third day (three record pages).
 */
async function seedScene(day0: string, tag: string) {
  const a = await customer(`alpha-${tag}`);
  const b = await customer(`beta-${tag}`);
  const key = await e2eCli(["key:create", "--workspace", a.slug, "--email", a.email, "--name", "alpha script"]);
  expect(key.code, key.stderr).toBe(0);
  const keyId = (key.json as { id: string }).id;
  const models = { one: `e2e-one-${tag}`, two: `e2e-two-${tag}`, three: `e2e-three-${tag}` };
  const utc = (offsetDays: number, time: string) => new Date(Date.parse(`${day0}T${time}Z`) + offsetDays * 86_400_000).toISOString();
  const base = { images: 0, promptTokens: null, completionTokens: null, totalTokens: null, latencyMs: null };
  const entries: SeedUsage[] = [
    // Day 0 (New York): three calls, one failed.
    { ...base, workspace: a.slug, email: a.email, apiKeyId: keyId, source: "api", model: models.one, status: "succeeded", credits: 10, promptTokens: 100, completionTokens: 20, totalTokens: 120, latencyMs: 200, at: utc(0, "14:00:00") },
    { ...base, workspace: a.slug, email: a.email, source: "studio", model: models.two, status: "succeeded", credits: 25, images: 2, promptTokens: 300, completionTokens: 0, totalTokens: 300, latencyMs: 800, at: utc(0, "20:30:00") },
    { ...base, workspace: b.slug, email: b.email, source: "studio", model: models.one, status: "failed", credits: 0, latencyMs: 150, at: utc(1, "02:30:00") },
    // Day 1: two calls, one cancelled, and one still pending.
    { ...base, workspace: b.slug, email: b.email, source: "studio", model: models.two, status: "succeeded", credits: 7, images: 1, promptTokens: 50, completionTokens: 10, totalTokens: 60, latencyMs: 400, at: utc(1, "15:00:00") },
    { ...base, workspace: a.slug, email: a.email, apiKeyId: keyId, source: "api", model: models.one, status: "cancelled", credits: 3, promptTokens: 40, completionTokens: 5, totalTokens: 45, latencyMs: 1000, at: utc(1, "16:00:00") },
    { ...base, workspace: a.slug, email: a.email, apiKeyId: keyId, source: "api", model: models.one, status: "pending", credits: 0, at: utc(1, "17:00:00") },
    // Day 2: 120 calls of one credit, a minute apart.
    { ...base, workspace: b.slug, email: b.email, source: "studio", model: models.three, status: "succeeded", credits: 1, images: 1, promptTokens: 10, completionTokens: 2, totalTokens: 12, latencyMs: 300, at: utc(2, "13:00:00"), count: 120, stepMs: 60_000 },
  ];
  const ids = await runSeed<string[][]>("seed-platform-usage.ts", [JSON.stringify(entries)]);
  const [r1, r2, r3, r4, r5, pending, burst] = ids.map((list) => list) as [string[], string[], string[], string[], string[], string[], string[]];
  return { a, b, keyId, models, records: { r1: r1[0]!, r2: r2[0]!, r3: r3[0]!, r4: r4[0]!, r5: r5[0]!, pending: pending[0]!, burst } };
}

/** The "N ms" values in a text, as numbers. */
const msValues = (text: string | null) => [...(text ?? "").matchAll(/([\d,]+) ms/g)].map((m) => Number(m[1]!.replace(/,/g, "")));
/** Latencies within the histograms' ±2.5% of the exact values (rounded to whole ms). */
function expectNear(actual: number[], exact: number[]) {
  expect(actual, `${actual.join(", ")} ms against ${exact.join(", ")} ms ±2.5%`).toHaveLength(exact.length);
  exact.forEach((e, i) => expect(Math.abs(actual[i]! - e), `${actual[i]} ms against ${e} ms`).toBeLessThanOrEqual(e * 0.025 + 0.5));
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Every record id the drill-down lists, following its "Older" pages to the end; the number of pages. */
async function allListedIds(page: Page): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  for (;;) {
    await expect(page.getByRole("heading", { name: "Usage records" })).toBeVisible();
    pages += 1;
    ids.push(...(await page.getByTestId("record-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-record-id")!))));
    const older = page.getByRole("link", { name: "Older →" });
    if ((await older.count()) === 0) return { ids, pages };
    const before = page.url();
    await older.click();
    await expect(page).not.toHaveURL(before);
  }
}

async function listedIds(page: Page): Promise<string[]> {
  await expect(page.getByRole("heading", { name: "Usage records" })).toBeVisible();
  return page.getByTestId("record-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-record-id")!));
}

test("an admin's dashboard shows exactly the seeded usage in the viewer's zone, and every bar and row drills down to its records", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(VIEWPORTS.desktop.viewport);
  const day0 = "2026-03-10";
  const scene = await seedScene(day0, "desk");
  const { r1, r2, r3, r4, r5, pending, burst } = scene.records;
  await newAdmin(page);

  await page.goto("/admin");
  // The overview: the platform's last 30 days (other tests' calls count there too, so only its shape is checked).
  await expect(page.getByRole("region", { name: "Last 30 days (UTC)" }).getByTestId("kpi-calls")).toHaveText(/^\d[\d,]*$/);
  await expect(page.getByRole("heading", { name: "Usage", level: 2 }).getByRole("link")).toHaveAttribute("href", "/admin/usage");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Usage" }).click();
  // The page learns the browser's zone.
  await expect(page).toHaveURL(/[?&]tz=America%2FNew_York/);
  await checkPage(page);

  // A custom range of the three seeded days, per day.
  await page.getByLabel("Range", { exact: true }).selectOption("custom");
  await page.getByLabel("From (custom)").fill(day0);
  await page.getByLabel("To (custom, inclusive)").fill(addDays(day0, 2));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2026-03-10/);
  await expect(page.getByLabel("Per", { exact: true })).toHaveValue("day");

  // Tiles: 125 finished calls (the pending one is not finished), 2 of them failed or cancelled.
  await expect(page.getByTestId("kpi-calls")).toHaveText("125");
  await expect(page.getByText("2 failed or cancelled")).toBeVisible();
  await expect(page.getByTestId("kpi-credits")).toHaveText("165");
  await expect(page.getByTestId("kpi-prompt-tokens")).toHaveText("1,690");
  await expect(page.getByTestId("kpi-completion-tokens")).toHaveText("275");
  await expect(page.getByTestId("kpi-total-tokens")).toHaveText("1,965");
  await expect(page.getByTestId("kpi-images")).toHaveText("123");
  await expect(page.getByTestId("kpi-error-rate")).toHaveText("1.6%");
  // Latency percentiles come from 5%-wide histogram bins: within 2.5% of the exact nearest-rank value (300 ms both).
  expectNear(msValues(await page.getByTestId("kpi-latency").textContent()), [300, 300]);
  await checkPage(page);

  // The timeline: one bar per New York day; its numbers table says what each bar is.
  const timeline = page.getByRole("region", { name: "Credits per day", exact: true });
  await expect(timeline.getByRole("img", { name: /^Credits per day over 3 days; highest 120 \(Mar 12\)/ })).toBeVisible();
  await timeline.getByText("Show the numbers").click();
  const dayCells = (label: string) => timeline.getByRole("row").filter({ has: page.getByRole("link", { name: `Records of ${label}` }) }).locator("th, td");
  // Calls, credits, tokens, images, error rate, then p50 and p95 latency.
  const ms = /^\d[\d,]* ms$/;
  await expect(dayCells("Mar 10")).toHaveText(["Mar 10", "3", "35", "420", "2", "33.3%", ms, ms]);
  await expect(dayCells("Mar 11")).toHaveText(["Mar 11", "2", "10", "105", "1", "50.0%", ms, ms]);
  await expect(dayCells("Mar 12")).toHaveText(["Mar 12", "120", "120", "1,440", "120", "0.0%", ms, ms]);
  expectNear(msValues((await dayCells("Mar 10").allTextContents()).slice(6).join(" ")), [200, 800]);
  expectNear(msValues((await dayCells("Mar 11").allTextContents()).slice(6).join(" ")), [400, 1000]);
  expectNear(msValues((await dayCells("Mar 12").allTextContents()).slice(6).join(" ")), [300, 300]);
  // The metric switch.
  await timeline.getByRole("button", { name: "Calls" }).click();
  await expect(page.getByRole("region", { name: "Calls per day", exact: true }).getByRole("img", { name: /highest 120 \(Mar 12\)/ })).toBeVisible();
  await expect(page).toHaveURL(/metric=calls/);

  // A bar drills down to exactly its day's finished records: the failed call at 02:30 UTC on the 11th is the 10th's.
  await page.getByTestId("timeline-chart").locator(".recharts-bar-rectangle").first().click();
  await expect(page).toHaveURL(/\/admin\/usage\/records\?/);
  expect((await listedIds(page)).sort()).toEqual([r1, r2, r3].sort());
  await expect(page.getByTestId("records-slice")).toContainText("Mar 10, 2026, 12:00 AM up to Mar 11, 2026, 12:00 AM (America/New_York)");
  await checkPage(page);
  // Each workspace links to its admin page.
  await page.locator(`[data-record-id="${r3}"]`).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/workspaces\//);
  await expect(page.getByText(scene.b.slug, { exact: true })).toBeVisible();
  await page.goBack();

  // The way back keeps the dashboard's view, the metric chosen in the page included.
  await page.getByRole("link", { name: "Back to the usage dashboard" }).click();
  await expect(page).toHaveURL(/from=2026-03-10/);
  await expect(page.getByRole("region", { name: "Calls per day", exact: true })).toBeVisible();
  await expect(page.getByTestId("kpi-calls")).toHaveText("125");

  // Break down by model: totals per model, and a cell (by keyboard) drills down to that model's records of that day.
  await page.getByRole("navigation", { name: "Break down by" }).getByRole("link", { name: "Model" }).click();
  await expect(page.getByRole("heading", { name: "Credits per day, by model" })).toBeVisible();
  // Name, credits, calls, error rate, tokens, images.
  const totalCells = (name: string) => page.getByTestId("breakdown-totals").getByRole("row").filter({ has: page.getByRole("link", { name: `Records of ${name}`, exact: true }) }).getByRole("cell");
  await expect(totalCells(scene.models.one)).toHaveText([scene.models.one, "13", "3", "66.7%", "165", "0"]);
  await expect(totalCells(scene.models.two)).toHaveText([scene.models.two, "32", "2", "0.0%", "360", "3"]);
  await expect(totalCells(scene.models.three)).toHaveText([scene.models.three, "120", "120", "0.0%", "1,440", "120"]);
  // A stacked segment (a click) drills down to its series in its bucket: the second series by credits (two, after
  // three), whose first bar is Mar 10.
  await page.getByTestId("breakdown-chart").locator(".recharts-bar").nth(1).locator(".recharts-bar-rectangle").first().click();
  await expect(page).toHaveURL(/\/admin\/usage\/records\?/);
  expect(await listedIds(page)).toEqual([r2]);
  await page.getByRole("link", { name: "Back to the usage dashboard" }).click();
  const breakdown = page.getByRole("region", { name: "Credits per day, by model" });
  await breakdown.getByText("Show the numbers").click();
  const cell = breakdown.getByRole("link", { name: `25: records of ${scene.models.two}, Mar 10` });
  await cell.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin\/usage\/records\?/);
  expect(await listedIds(page)).toEqual([r2]);
  await expect(page.getByTestId("records-slice")).toContainText(new RegExp(`Model\\s*${scene.models.two}`));
  await page.getByRole("link", { name: "Back to the usage dashboard" }).click();

  // A totals row drills down to the model's records over the whole range.
  await page.getByTestId("breakdown-totals").getByRole("link", { name: `Records of ${scene.models.one}` }).click();
  expect((await listedIds(page)).sort()).toEqual([r1, r3, r5].sort());
  await page.getByRole("link", { name: "Back to the usage dashboard" }).click();

  // Break down by status: a stacked segment (a click on the bar) drills down to the failed call only.
  await page.getByRole("navigation", { name: "Break down by" }).getByRole("link", { name: "Status" }).click();
  await expect(totalCells("failed")).toHaveText(["failed", "0", "1", "100.0%", "0", "0"]);
  await expect(totalCells("cancelled")).toHaveText(["cancelled", "3", "1", "100.0%", "45", "0"]);
  await expect(totalCells("succeeded")).toHaveText(["succeeded", "162", "123", "0.0%", "1,920", "123"]);
  await page.getByTestId("breakdown-totals").getByRole("link", { name: "Records of cancelled" }).click();
  expect(await listedIds(page)).toEqual([r5]);
  await page.getByRole("link", { name: "Back to the usage dashboard" }).click();

  // Top spenders: workspace B (127 credits) before A (38); B's row lists its 122 finished records over three pages.
  const top = page.getByTestId("top-workspaces");
  await expect(top.getByRole("row").nth(1).getByRole("cell")).toHaveText([/./, "127", "122", "0.8%", "1,500", "121"]);
  await expect(top.getByRole("row").nth(2).getByRole("cell")).toHaveText([/./, "38", "3", "33.3%", "465", "2"]);
  await top.getByRole("row").nth(1).getByRole("link").click();
  const { ids, pages } = await allListedIds(page);
  expect(pages).toBe(3);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.sort()).toEqual([r3, r4, ...burst].sort());
  await page.getByRole("link", { name: "← Newest" }).click();
  await expect(page.getByTestId("record-row")).toHaveCount(50);

  // A workspace filter (by slug, as people type it) narrows every number; its records exclude the pending call.
  await page.goto(`/admin/usage?from=${day0}&to=${addDays(day0, 2)}&tz=${encodeURIComponent(ZONE)}&workspace=${scene.a.slug}`);
  await expect(page.getByTestId("kpi-calls")).toHaveText("3");
  await expect(page.getByTestId("kpi-credits")).toHaveText("38");
  // The workspace's own latency histogram: its finished calls took 200, 800 and 1,000 ms (nearest rank: 800, 1,000).
  expectNear(msValues(await page.getByTestId("kpi-latency").textContent()), [800, 1000]);
  await expect(page.getByText("not for a workspace's model or source")).toHaveCount(0);
  await page.getByTestId("top-members").getByRole("row").nth(1).getByRole("link").click();
  expect((await listedIds(page)).sort()).toEqual([r1, r2, r5].sort());
  expect(await listedIds(page)).not.toContain(pending);

  // With a model too, no histogram matches (the workspace's isn't crossed with models): the tile and the note say so.
  await page.goto(`/admin/usage?from=${day0}&to=${addDays(day0, 2)}&tz=${encodeURIComponent(ZONE)}&workspace=${scene.a.slug}&model=${scene.models.one}`);
  await expect(page.getByTestId("kpi-calls")).toHaveText("2");
  await expect(page.getByTestId("kpi-latency")).toHaveText("— / —");
  await expect(page.getByText("not for a workspace's model or source")).toBeVisible();
});

test("an Other bar, cell or total drills down to exactly the records outside the top series, and says so", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(VIEWPORTS.desktop.viewport);
  // Two New York days of one workspace's calls with seven models: the top five by credits, and two (m6, m7) that
  // stack as "Other". Nothing else writes in May 2026.
  const day0 = "2026-05-12";
  const c = await customer("other-desk");
  const key = await e2eCli(["key:create", "--workspace", c.slug, "--email", c.email, "--name", "other script"]);
  expect(key.code, key.stderr).toBe(0);
  const keyId = (key.json as { id: string }).id;
  const m = (n: number) => `e2e-other-m${n}`;
  const utc = (offsetDays: number, time: string) => new Date(Date.parse(`${day0}T${time}Z`) + offsetDays * 86_400_000).toISOString();
  const base = { workspace: c.slug, email: c.email, status: "succeeded" as const, images: 0, promptTokens: 10, completionTokens: 5, totalTokens: 15, latencyMs: 250 };
  const api = { source: "api" as const, apiKeyId: keyId };
  const studio = { source: "studio" as const };
  const entries: SeedUsage[] = [
    { ...base, ...api, model: m(1), credits: 20, at: utc(0, "14:00:00"), count: 5 },
    { ...base, ...studio, model: m(2), credits: 20, at: utc(0, "15:00:00"), count: 4 },
    { ...base, ...api, model: m(3), credits: 20, at: utc(0, "16:00:00"), count: 3 },
    { ...base, ...studio, model: m(4), credits: 20, at: utc(0, "17:00:00"), count: 2 },
    { ...base, ...api, model: m(5), credits: 20, at: utc(0, "18:00:00"), count: 2 },
    // The rest: day 0 has three finished calls of it (and a pending one, counted nowhere), day 1 one.
    { ...base, ...api, model: m(6), credits: 5, at: utc(0, "19:00:00"), count: 2 },
    { ...base, ...studio, model: m(7), credits: 5, at: utc(0, "20:00:00") },
    { ...base, ...studio, model: m(7), credits: 0, status: "pending", at: utc(0, "21:00:00") },
    { ...base, ...studio, model: m(6), credits: 5, at: utc(1, "15:00:00") },
    { ...base, ...api, model: m(1), credits: 20, at: utc(1, "16:00:00") },
  ];
  const ids = await runSeed<string[][]>("seed-platform-usage.ts", [JSON.stringify(entries)]);
  const otherDay0 = [...ids[5]!, ...ids[6]!];
  const otherDay1 = ids[8]!;
  await newAdmin(page);

  await page.goto(`/admin/usage?from=${day0}&to=${addDays(day0, 1)}&bucket=day&by=model&tz=${encodeURIComponent(ZONE)}`);
  await page.getByRole("region", { name: "Credits per day, by model" }).getByRole("button", { name: "Calls" }).click();
  const breakdown = page.getByRole("region", { name: "Calls per day, by model" });
  await breakdown.getByText("Show the numbers").click();
  // The Other number of May 12 in the table, then a click on its segment of that day's bar (recharts names each
  // segment's path by its series).
  const otherCell = breakdown.getByRole("link", { name: /^\d+: records of Other, May 12$/ });
  const otherCalls = Number(await otherCell.textContent());
  expect(otherCalls).toBe(3);
  await page.getByTestId("breakdown-chart").locator('path.recharts-rectangle[name="Other"]').first().click();
  await expect(page).toHaveURL(/\/admin\/usage\/records\?.*other=model/);
  const listed = await listedIds(page);
  expect(listed).toHaveLength(otherCalls);
  expect([...listed].sort()).toEqual([...otherDay0].sort());
  await expect(page.getByTestId("records-slice-title")).toHaveText(
    `Other models than ${m(1)}, ${m(2)}, ${m(3)}, ${m(4)} and ${m(5)} from May 12, 2026, 12:00 AM to May 13, 2026, 12:00 AM`,
  );
  await checkPage(page);

  // The table cell of May 13's rest (by keyboard) lists its one record.
  await page.getByRole("link", { name: "Back to the usage dashboard" }).click();
  await page.getByRole("region", { name: "Credits per day, by model" }).getByText("Show the numbers").click();
  const cell = page.getByRole("region", { name: "Credits per day, by model" }).getByRole("link", { name: "5: records of Other, May 13" });
  await cell.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin\/usage\/records\?.*other=model/);
  expect(await listedIds(page)).toEqual(otherDay1);
  await page.getByRole("link", { name: "Back to the usage dashboard" }).click();

  // The Other total over the range: its calls, and as many records.
  const otherTotal = page.getByTestId("breakdown-totals").getByRole("row").filter({ has: page.getByRole("link", { name: "Records of Other", exact: true }) }).getByRole("cell");
  await expect(otherTotal).toHaveText(["Other", "20", "4", "0.0%", "60", "0"]);
  await page.getByTestId("breakdown-totals").getByRole("link", { name: "Records of Other", exact: true }).click();
  expect((await listedIds(page)).sort()).toEqual([...otherDay0, ...otherDay1].sort());

  // A hand-edited list that names more series than a breakdown shows is a message, and lists nothing.
  const tooMany = Array.from({ length: 6 }, (_, i) => `not=${m(i + 1)}`).join("&");
  await page.goto(`/admin/usage/records?from=${utc(0, "04:00:00")}&to=${utc(1, "04:00:00")}&other=model&${tooMany}`);
  await expect(page.getByRole("alert").filter({ hasText: "other than" })).toBeVisible();
  await expect(page.getByTestId("record-row")).toHaveCount(0);
});

test("a range without usage says so, and an unknown workspace slug is a form error", async ({ page }) => {
  await newAdmin(page);
  await page.goto(`/admin/usage?from=2025-01-01&to=2025-01-02&tz=${encodeURIComponent(ZONE)}`);
  await expect(page.getByRole("heading", { name: "No usage in this range" })).toBeVisible();
  await page.goto(`/admin/usage?range=7d&tz=${encodeURIComponent(ZONE)}&workspace=no-such-workspace-here`);
  await expect(page.getByText("No workspace has the slug “no-such-workspace-here”.")).toBeVisible();
  await expect(page.getByLabel("Workspace (slug or id)")).toHaveAttribute("aria-invalid", "true");
  // A mix of filters the rollups can't answer exactly is refused in words, not approximated and not an error page.
  await page.goto(`/admin/usage?range=30d&tz=${encodeURIComponent(ZONE)}&model=darkroom-local&source=api`);
  await expect(page.getByRole("alert").filter({ hasText: "Choose one of model, source or status" })).toBeVisible();
  // Links edited by hand fall back to defaults instead of failing.
  await page.goto("/admin/usage?range=forever&bucket=minute&by=planet&from=2026-02-30");
  await expect(page.getByRole("heading", { name: "Usage", exact: true })).toBeVisible();
  await page.goto("/admin/usage/records?from=yesterday&cursor=garbage");
  await expect(page.getByText("the last 24 hours, since the link named no valid slice")).toBeVisible();
});

test("a signed-in non-admin gets the not-found page on the usage dashboard and its drill-down", async ({ page }) => {
  const plain = await customer("plain-usage");
  await signIn(page, plain.email);
  await expect(page.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
  for (const path of ["/admin/usage", "/admin/usage?range=7d", `/admin/usage/records?workspace=${plain.userId}`, "/admin/usage/records"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "This page doesn't exist" })).toBeVisible();
  }
});

test.describe("at the phone viewport", () => {
  test.use(VIEWPORTS.phone);

  test("the dashboard and the drill-down fit a phone and pass the accessibility checks", async ({ page }) => {
    test.setTimeout(180_000);
    const day0 = "2026-04-14";
    const scene = await seedScene(day0, "phone");
    await newAdmin(page);
    await page.goto("/admin");
    // page.goto checks each page (no sideways scrolling, tappable controls, axe).
    const range = `from=${day0}&to=${addDays(day0, 2)}&tz=${encodeURIComponent(ZONE)}`;
    await page.goto(`/admin/usage?${range}`);
    await expect(page.getByTestId("kpi-calls")).toHaveText("125");
    await page.getByRole("region", { name: "Credits per day", exact: true }).getByText("Show the numbers").click();
    await checkPage(page);
    await page.goto(`/admin/usage?${range}&bucket=hour&by=key`);
    await expect(page.getByRole("heading", { name: "Credits per hour, by API key" })).toBeVisible();
    await page.getByRole("region", { name: "Credits per hour, by API key" }).getByText("Show the numbers").click();
    await checkPage(page);
    await page.getByTestId("top-members").getByRole("row").nth(1).getByRole("link").click();
    await expect(page.getByTestId("record-row")).toHaveCount(50);
    await checkPage(page);
    expect(scene.records.burst).toHaveLength(120);
  });
});
