import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UsageRecordRow } from "@/lib/usage/list-usage-records";
import { formatCount } from "./usage-metrics";

type Props = { rows: UsageRecordRow[]; timeZone: string; showMember: boolean; newestHref: string | null; olderHref: string | null };

const STATUS_VARIANT: Record<string, "default" | "success" | "warning" | "destructive"> = {
  succeeded: "success",
  partial: "warning",
  pending: "default",
  failed: "destructive",
  cancelled: "default",
};

/** The records of the range and filters, newest first, one keyset page; narrow screens stack the columns. */
export function UsageTable({ rows, timeZone, showMember, newestHref, olderHref }: Props) {
  const time = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="usage-records-title" className="min-w-0">
      <h2 id="usage-records-title" className="mb-3 text-base font-semibold">Records</h2>
      <Table aria-describedby="usage-records-title">
        <TableHeader>
          <TableRow>
            <TableHead>Time</TableHead>
            <TableHead>{showMember ? "Member · model" : "Model"}</TableHead>
            <TableHead className="hidden md:table-cell">Key</TableHead>
            <TableHead className="hidden sm:table-cell">Status</TableHead>
            <TableHead className="text-right">Credits</TableHead>
            <TableHead className="hidden text-right md:table-cell">Images</TableHead>
            <TableHead className="hidden text-right md:table-cell">Tokens</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id} data-testid="usage-row" data-record-id={r.id}>
              <TableCell className="whitespace-nowrap text-xs sm:text-sm">
                <time dateTime={r.createdAt.toISOString()}>{time.format(r.createdAt)}</time>
              </TableCell>
              <TableCell className="max-w-40 sm:max-w-64">
                {showMember ? <span className="block truncate font-medium">{r.member}</span> : null}
                <span className="block truncate text-xs text-muted-foreground">{r.model}</span>
                <span className="text-xs text-muted-foreground sm:hidden"> · {r.status}</span>
              </TableCell>
              <TableCell className="hidden max-w-48 truncate md:table-cell">{r.keyName ?? (r.source === "studio" ? "Studio" : "Deleted key")}</TableCell>
              <TableCell className="hidden sm:table-cell">
                <Badge variant={STATUS_VARIANT[r.status] ?? "default"}>{r.status}</Badge>
              </TableCell>
              <TableCell className="text-right font-mono tabular-nums">{formatCount(r.credits)}</TableCell>
              <TableCell className="hidden text-right font-mono tabular-nums md:table-cell">{formatCount(r.images)}</TableCell>
              <TableCell className="hidden text-right font-mono tabular-nums md:table-cell">{r.totalTokens === null ? "—" : formatCount(r.totalTokens)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <nav aria-label="Record pages" className="mt-3 flex justify-between gap-2 text-sm">
        {newestHref ? <Link href={newestHref} className="text-primary underline-offset-4 hover:underline">← Newest</Link> : <span />}
        {olderHref ? <Link href={olderHref} className="text-primary underline-offset-4 hover:underline" rel="next">Older →</Link> : null}
      </nav>
    </section>
  );
}
