import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";
import { currentMonth } from "@/lib/billing/schemas";

export const metadata = { title: "Billing" };

export default async function Page() {
  await requirePlatformAdminPage();
  const month = currentMonth();
  return (
    <>
      <PageHeader title="Billing" description="Usage exports for finance and per-workspace statements. Periods are UTC." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <h2 className="text-lg font-semibold">Export usage records</h2>
            <CardDescription>
              Every usage record of the period, oldest first, streamed as it is read (any size). CSV opens in a spreadsheet
              (text that could run as a formula starts with an apostrophe); JSON is one array of objects. The same file as
              <code className="mx-1 font-mono text-xs">npm run cli -- usage:export</code>.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <form action="/admin/billing/export" method="get" className="grid gap-3" aria-label="Export usage records">
              <FormField id="export-month" name="month" label="Month" type="month" defaultValue={month} hint="Or leave it and give a range of days below." />
              <div className="grid gap-3 sm:grid-cols-2">
                <FormField id="export-from" name="from" label="First day (optional)" type="date" />
                <FormField id="export-to" name="to" label="Last day (optional)" type="date" />
              </div>
              <FormField id="export-workspace" name="workspace" label="Workspace slug (optional)" placeholder="All workspaces" autoCapitalize="none" spellCheck={false} />
              <div className="grid gap-2">
                <Label htmlFor="export-format">Format</Label>
                <NativeSelect id="export-format" name="format" defaultValue="csv">
                  <option value="csv">CSV</option>
                  <option value="json">JSON (one array)</option>
                </NativeSelect>
              </div>
              <div>
                <Button type="submit">Download</Button>
              </div>
            </form>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <h2 className="text-lg font-semibold">Workspace statement</h2>
            <CardDescription>
              Calls, tokens, images and credits per model, the grants, refunds and adjustments booked, reconciled with the
              ledger to the credit.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <form action="/admin/billing/statement" method="get" className="grid gap-3" aria-label="Open a statement">
              <FormField id="statement-workspace" name="workspace" label="Workspace slug" required autoCapitalize="none" spellCheck={false} />
              <FormField id="statement-month" name="month" label="Month" type="month" defaultValue={month} />
              <div>
                <Button type="submit">Open statement</Button>
              </div>
            </form>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
