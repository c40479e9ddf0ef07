import Link from "next/link";
import { Suspense } from "react";
import { UsageSnapshot } from "@/components/admin/usage/usage-snapshot";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { requirePlatformAdminPage } from "@/lib/admin/require-platform-admin-page";

export const metadata = { title: "Overview" };

const SECTIONS = [
  { href: "/admin/usage", title: "Usage", text: "Calls, credits, tokens, images, errors and latency over time, by workspace, member, model, key, source and status; down to each record." },
  { href: "/admin/workspaces", title: "Workspaces & credits", text: "Find a workspace; grant or deduct credits, release stuck holds, refund calls." },
  { href: "/admin/users", title: "Users", text: "Find a person; disable or enable their account; promote or demote platform admins." },
  { href: "/admin/models", title: "Models & prices", text: "Enable or disable models, edit prices, token ceilings and upstream names, add a model." },
  { href: "/admin/audit", title: "Audit log", text: "Every admin and account action on the platform, filterable by actor, workspace, action and time." },
] as const;

export default async function Page() {
  const admin = await requirePlatformAdminPage();
  return (
    <>
      <PageHeader title="Platform admin" description="Run the platform: credits, accounts, models and the audit trail. Every change here is written to the audit log." />
      <Suspense fallback={<div role="status" aria-label="Loading the last 30 days" className="mb-6 h-28 animate-pulse rounded-xl bg-muted" />}>
        <UsageSnapshot admin={admin} />
      </Suspense>
      <div className="grid gap-4 sm:grid-cols-2">
        {SECTIONS.map((s) => (
          <Card key={s.href}>
            <CardHeader>
              <h2 className="text-lg font-semibold">
                <Link href={s.href} className="underline-offset-4 hover:underline focus-visible:underline">
                  {s.title}
                </Link>
              </h2>
            </CardHeader>
            <CardContent className="text-sm text-muted-foreground">{s.text}</CardContent>
          </Card>
        ))}
      </div>
    </>
  );
}
