import Link from "next/link";
import { getPlatformTotals } from "@/lib/platform-usage/get-platform-totals";
import { resolvePlatformRange } from "@/lib/platform-usage/resolve-platform-range";
import { KpiTiles } from "./kpi-tiles";

/** The overview's last 30 days (UTC: the server doesn't know the viewer's zone; the dashboard does). */
export async function UsageSnapshot({ admin }: { admin: { id: string; email: string } }) {
  const range = await resolvePlatformRange(admin, { preset: "30d", tz: "UTC", bucket: "day" });
  const totals = await getPlatformTotals(admin, range, {});
  return (
    <section aria-labelledby="snapshot-title" className="mb-6 grid gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="snapshot-title" className="text-base font-semibold">Last 30 days (UTC)</h2>
        <Link href="/admin/usage?range=30d" className="text-sm text-primary underline-offset-4 hover:underline">Open the usage dashboard</Link>
      </div>
      <KpiTiles totals={totals} compact label="Platform totals for the last 30 days" />
    </section>
  );
}
