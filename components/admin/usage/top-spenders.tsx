import type { PlatformSpender } from "@/lib/platform-usage/types";
import { recordsHref, type DrillBase, type RangeBounds } from "./drill-down";
import { SumsTable } from "./sums-table";

type Props = { workspaces: PlatformSpender[]; members: PlatformSpender[]; range: RangeBounds; drill: DrillBase };

/** The range's biggest spenders by credits, workspaces and members side by side (stacked on narrow screens). */
export function TopSpenders({ workspaces, members, range, drill }: Props) {
  const whole = { from: new Date(range.from), to: new Date(range.to) };
  const tables = [
    { id: "workspaces", title: "Top workspaces", header: "Workspace", rows: workspaces.map((w) => ({ ...w, href: recordsHref(drill, whole, range.tz, { workspace: w.key }) })) },
    { id: "members", title: "Top members", header: "Member", rows: members.map((m) => ({ ...m, href: recordsHref(drill, whole, range.tz, { user: m.key }) })) },
  ];
  return (
    <div className="grid min-w-0 gap-6 xl:grid-cols-2">
      {tables.map((t) => (
        <section key={t.id} aria-labelledby={`top-${t.id}-title`} className="min-w-0">
          <h2 id={`top-${t.id}-title`} className="mb-3 text-base font-semibold">
            {t.title} by credits
          </h2>
          <SumsTable rows={t.rows} nameHeader={t.header} caption={`${t.title} by credits over the range; each links to its records`} testId={`top-${t.id}`} />
        </section>
      ))}
    </div>
  );
}
