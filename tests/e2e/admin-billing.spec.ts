import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { type Page } from "@playwright/test";
import { checkPage, expect, test } from "./support/test";
import { newEmail, PASSWORD, signIn, signUp } from "./support/accounts";
import { e2eCli } from "./support/cli";
import { callServerAction, serverActions, type FieldValue } from "./support/server-actions";

// Each test makes accounts and keys through the CLI (a process each) and several pages: give them room on a busy machine.
test.slow();

async function newAdmin(page: Page): Promise<string> {
  const email = newEmail("admin");
  const created = await e2eCli(["user:create", "--email", email, "--password", PASSWORD, "--admin"]);
  expect(created.code, created.stderr).toBe(0);
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
  return email;
}

/** A customer with a key and one charged darkroom-local call through the API; returns the slug and the charge. */
async function customerWithACall(page: Page): Promise<{ slug: string; requestId: string }> {
  const email = newEmail("customer");
  const created = await e2eCli(["user:create", "--email", email, "--password", PASSWORD]);
  expect(created.code, created.stderr).toBe(0);
  const slug = (created.json as { workspace: string }).workspace;
  const key = ((await e2eCli(["key:create", "--workspace", slug, "--email", email, "--name", "billing"])).json as { key: string }).key;
  const call = await page.request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${key}` },
    data: { model: "darkroom-local", messages: [{ role: "user", content: "a sepia square, invoice #1, \"net 30\"" }] },
  });
  expect(call.status()).toBe(200);
  return { slug, requestId: call.headers()["x-request-id"]! };
}

async function workspaceIdOnAdminPage(page: Page, slug: string): Promise<string> {
  await page.goto(`/admin/workspaces/${slug}`);
  return (await page.locator('input[name="unverifiedWorkspaceId"]').first().getAttribute("value"))!;
}

test("a refund shows on the workspace statement, which reconciles with the ledger", async ({ page }) => {
  await newAdmin(page);
  const { slug } = await customerWithACall(page);
  await page.goto(`/admin/workspaces/${slug}`);
  const charged = page.getByRole("row", { name: /darkroom-local/ }).first();
  const refundButton = charged.getByRole("button", { name: /^Refund \d+/ });
  const credits = Number((await refundButton.textContent())!.replace(/\D/g, ""));
  expect(credits).toBeGreaterThan(0);
  await charged.getByLabel("Note (required)").fill("Customer disputed the result");
  await refundButton.click();
  // The row's form gives way to its new state once the refund is booked.
  await expect(charged.getByText("Refunded", { exact: true })).toBeVisible();
  const balance = (await page.getByTestId("credits-balance").textContent())!;

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Billing" }).click();
  const form = page.getByRole("form", { name: "Open a statement" });
  await form.getByLabel("Workspace slug").fill(slug);
  await form.getByRole("button", { name: "Open statement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Statement");
  await checkPage(page);
  const refund = page.getByRole("row", { name: /Refund \(darkroom-local\)/ });
  await expect(refund).toContainText("Customer disputed the result");
  await expect(refund).toContainText(String(credits));
  await expect(page.getByTestId("statement-credits")).toHaveText(String(credits));
  await expect(page.getByTestId("statement-closing")).toHaveText(balance);
  await expect(page.getByRole("status").filter({ hasText: "Every line agrees with the ledger to the credit." })).toBeVisible();
  await expect(page.getByTestId("check-mismatch")).toHaveCount(0);
});

test("the billing page streams a month's usage as CSV and as JSON", async ({ page }) => {
  await newAdmin(page);
  const { slug, requestId } = await customerWithACall(page);
  await page.goto("/admin/billing");
  const form = page.getByRole("form", { name: "Export usage records" });
  await form.getByLabel("Workspace slug (optional)").fill(slug);
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download" }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(new RegExp(`^darkroom-usage-${slug}-\\d{4}-\\d{2}\\.csv$`));
  const csv = fs.readFileSync((await csvDownload.path())!, "utf8").split("\r\n");
  expect(csv[0]).toBe("id,request_id,created_at,workspace,user_id,api_key_id,source,model,status,prompt_tokens,completion_tokens,total_tokens,usage_source,images,credits,overage,latency_ms,upstream_id,prompt");
  expect(csv.filter((line) => line.includes(requestId))).toHaveLength(1);
  expect(csv).toHaveLength(3); // header, the call, the empty tail after the last CRLF

  await form.getByLabel("Format").selectOption("json");
  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download" }).click()]);
  const rows = JSON.parse(fs.readFileSync((await jsonDownload.path())!, "utf8")) as Array<Record<string, unknown>>;
  expect(rows).toEqual([expect.objectContaining({ request_id: requestId, workspace: slug, model: "darkroom-local", source: "api", status: "succeeded" })]);
});

test("the health panel runs the ledger check on request and shows its result", async ({ page }) => {
  await newAdmin(page);
  await page.goto("/admin/health");
  await expect(page.getByRole("heading", { name: "Edit queue" })).toBeVisible();
  const card = page.getByTestId("job-ledger-check");
  const runsBefore = await card.getByRole("row").count();
  await card.getByRole("button", { name: "Run ledger check now" }).click();
  await expect(card.getByRole("status").or(card.getByText(/queued|already waiting/))).toBeVisible();
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByTestId("job-ledger-check").getByRole("row").count();
    }, { timeout: 30_000 })
    .toBeGreaterThan(runsBefore);
  await expect(page.getByTestId("ledger-panel")).not.toHaveAttribute("data-state", "unknown");
});

// Fields that pass each admin action's own validation, so what answers is the admin check, not a field error.
function adminFields(target: { userId: string; workspaceId: string }): Record<string, Record<string, FieldValue>> {
  const prices = { perRequest: "0", perImage: "0", per1kPrompt: "0", per1kCompletion: "0", tokenCeiling: "0" };
  return {
    adjustCreditsAction: { unverifiedWorkspaceId: target.workspaceId, direction: "grant", amount: "1000000", note: "free money", opId: randomUUID() },
    refundUsageAction: { unverifiedUsageRecordId: randomUUID(), note: "refund me" },
    releaseHoldAction: { unverifiedHoldId: randomUUID(), note: "release me" },
    setPlatformAdminAction: { unverifiedUserId: target.userId, admin: "true" },
    setUserDisabledAction: { unverifiedUserId: randomUUID(), disabled: "true" },
    setWorkspaceSuspendedAction: { unverifiedWorkspaceId: target.workspaceId, suspended: "true", reason: "because I can" },
    updateModelAction: { unverifiedModelId: "darkroom-local", enabled: "on", ...prices },
    addModelAction: { id: `sneaky-${randomUUID().slice(0, 8)}`, displayName: "Sneaky", provider: "local", ...prices },
    runMaintenanceJobAction: { job: "orphan-sweep" },
  };
}

test("a non-admin gets not-found on the billing and health pages and a refusal from every admin action called directly", async ({ page, browser, baseURL }) => {
  const adminPage = page;
  await newAdmin(adminPage);
  const email = newEmail("plain");
  const created = await e2eCli(["user:create", "--email", email, "--password", PASSWORD]);
  const { userId, workspace: slug } = created.json as { userId: string; workspace: string };
  const workspaceId = await workspaceIdOnAdminPage(adminPage, slug);
  const balance = await adminPage.getByTestId("credits-balance").textContent();

  const context = await browser.newContext();
  const plain = await context.newPage();
  await signIn(plain, email);
  await expect(plain.getByRole("heading", { name: "Studio", exact: true })).toBeVisible();
  for (const path of ["/admin/billing", `/admin/billing/statement?workspace=${slug}`, "/admin/health", `/admin/billing/export?format=csv&workspace=${slug}`]) {
    const response = await plain.goto(path);
    expect(response?.status(), path).toBe(404);
  }

  const actions = serverActions("lib/actions/admin/");
  const fields = adminFields({ userId, workspaceId });
  expect(actions.map((a) => a.name).sort()).toEqual(Object.keys(fields).sort());
  const anonymous = await browser.newContext();
  for (const action of actions) {
    const refused = await callServerAction(plain.request, baseURL!, action, fields[action.name]!, { slug });
    expect(refused.body, `${action.name} as a non-admin`).toContain("Not found.");
    const signedOut = await callServerAction(anonymous.request, baseURL!, action, fields[action.name]!, { slug });
    expect(signedOut.body, `${action.name} signed out`).toContain("Your session has ended. Sign in again.");
  }
  await anonymous.close();

  // Nothing changed: no credits, no promotion, no suspension, no audit entry by this person.
  expect((await plain.goto("/admin"))?.status()).toBe(404);
  await plain.goto(`/${slug}`);
  await expect(plain.getByRole("alert").filter({ hasText: "suspended" })).toHaveCount(0);
  await context.close();
  await adminPage.goto(`/admin/workspaces/${slug}`);
  await expect(adminPage.getByTestId("credits-balance")).toHaveText(balance!);
  await adminPage.goto(`/admin/audit?actor=${encodeURIComponent(email)}`);
  // Only their sign-up: no grant, promotion, suspension, price or maintenance entry.
  await expect(adminPage.getByRole("row").filter({ hasText: email })).toHaveCount(1);
  await expect(adminPage.getByRole("row").filter({ hasText: email })).toContainText("user.created");
});

const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

test("a suspended workspace is read-only: the studio hides its controls and every workspace action refuses over HTTP", async ({ page, browser, baseURL }) => {
  const ownerEmail = newEmail("readonly");
  const context = await browser.newContext();
  const owner = await context.newPage();
  const slug = await signUp(owner, ownerEmail);

  await newAdmin(page);
  await page.goto(`/admin/workspaces/${slug}`);
  await page.getByLabel("Reason (shown to its members)").fill("Unpaid invoice");
  await page.getByRole("button", { name: "Suspend workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Suspended" })).toBeVisible();

  await owner.goto(`/${slug}`);
  await expect(owner.getByRole("alert").filter({ hasText: "it is read-only" })).toContainText("Unpaid invoice");
  await expect(owner.getByText("This workspace is suspended, so it is read-only. You can follow its edits")).toBeVisible();
  await expect(owner.getByRole("button", { name: "Run edit" })).toHaveCount(0);
  await expect(owner.getByRole("button", { name: /Choose files/ })).toHaveCount(0);
  await owner.goto(`/${slug}/keys`);
  await expect(owner.getByRole("button", { name: "Create key" })).toBeDisabled();
  await owner.goto(`/${slug}/settings`);
  await expect(owner.getByRole("textbox", { name: "Name" })).toBeDisabled();
  await expect(owner.getByRole("button", { name: "Save name" })).toBeDisabled();

  const id = randomUUID();
  const fields: Record<string, Record<string, FieldValue>> = {
    submitEditAction: { inputs: id, model: "darkroom-local", prompt: "make it sepia", n: "1" },
    uploadImageAction: { file: { name: "dot.png", mimeType: "image/png", buffer: PNG_1PX } },
    cancelEditAction: { jobId: id },
    clearEditAction: { jobId: id },
    deleteAssetsAction: { ids: id },
    createApiKeyAction: { name: "sneaky key" },
    revokeApiKeyAction: { id },
    inviteMemberAction: { email: newEmail("invitee"), role: "member" },
    revokeInvitationAction: { id },
    changeMemberRoleAction: { id, role: "member" },
    setMemberLimitAction: { id, limit: "5" },
    removeMemberAction: { id },
    transferOwnershipAction: { id },
    renameWorkspaceAction: { name: "Renamed while suspended" },
    changeWorkspaceSlugAction: { slug: `moved-${id.slice(0, 8)}` },
    deleteWorkspaceAction: { confirmation: slug },
  };
  // Leaving stays open (a person's choice about themselves); creating a team and accepting an invitation are not
  // actions on this workspace (an invitation to a suspended team is refused in acceptInvitation).
  const exempt = new Set(["leaveWorkspaceAction", "createWorkspaceAction", "acceptInvitationAction"]);
  const actions = ["studio", "gallery", "keys", "members", "invitations", "workspaces"]
    .flatMap((domain) => serverActions(`lib/actions/${domain}/`))
    .filter((a) => !exempt.has(a.name));
  expect(actions.map((a) => a.name).sort()).toEqual(Object.keys(fields).sort());
  for (const action of actions) {
    const answer = await callServerAction(owner.request, baseURL!, action, { workspace: slug, ...fields[action.name]! }, { workspace: slug, assetId: id });
    expect(answer.body, action.name).toContain("This workspace is suspended; it is read-only.");
  }
  await owner.goto(`/${slug}/keys`);
  await expect(owner.getByText("sneaky key")).toHaveCount(0);
  await owner.goto(`/${slug}/settings`);
  await expect(owner.getByRole("textbox", { name: "Name" })).not.toHaveValue("Renamed while suspended");
  await context.close();
});

test("the billing, statement and health pages fit a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await newAdmin(page);
  const slug = new URL(page.url()).pathname.split("/")[1]!;
  for (const path of ["/admin/billing", `/admin/billing/statement?workspace=${slug}`, "/admin/health"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
});
