import { Alert } from "@/components/ui/alert";
import type { PlatformSpender } from "@/lib/platform-usage/types";
import type { Refusable } from "./refusable";
import { recordsHref, type DrillBase, type RangeBounds } from "./drill-down";
import { SumsTable } from "./sums-table";

type Props = { workspaces: Refusable<PlatformSpender[]>; members: Refusable<PlatformSpender[]>; range: RangeBounds; drill: DrillBase };

/** The range's biggest spenders by credits, workspaces and members side by side on wide screens. */
export function TopSpenders({ workspaces, members, range, drill }: Props) {
  const whole = { from: new Date(range.from), to: new Date(range.to) };
  const tables = [
    { id: "workspaces", title: "Top workspaces", header: "Workspace", list: workspaces, filter: (key: string) => ({ workspace: key }) },
    { id: "members", title: "Top members", header: "Member", list: members, filter: (key: string) => ({ user: key }) },
  ];
  return (
    <div className="grid min-w-0 gap-6 2xl:grid-cols-2">
      {tables.map((t) => (
        <section key={t.id} aria-labelledby={`top-${t.id}-title`} className="min-w-0">
          <h2 id={`top-${t.id}-title`} className="mb-3 text-base font-semibold">
            {t.title} by credits
          </h2>
          {t.list.ok ? (
            <SumsTable
              rows={t.list.value.map((s) => ({ ...s, href: recordsHref(drill, whole, range.tz, t.filter(s.key)) }))}
              nameHeader={t.header}
              caption={`${t.title} by credits over the range; each links to its records`}
              testId={`top-${t.id}`}
            />
          ) : (
            <Alert>{t.list.message}</Alert>
          )}
        </section>
      ))}
    </div>
  );
}
