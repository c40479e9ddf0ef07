import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PlatformRecordRow } from "@/lib/platform-usage/types";
import { formatCount, formatMs } from "./format";

const STATUS_VARIANT: Record<string, "default" | "success" | "warning" | "destructive"> = {
  succeeded: "success",
  partial: "warning",
  failed: "destructive",
};

type Props = { rows: PlatformRecordRow[]; timeZone: string; newestHref: string | null; olderHref: string | null };

/** One keyset page of usage records; the table scrolls sideways inside its box on narrow screens. */
export function RecordsTable({ rows, timeZone, newestHref, olderHref }: Props) {
  const date = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" });
  const time = new Intl.DateTimeFormat("en-US", { timeZone, timeStyle: "medium" });
  return (
    <section aria-labelledby="records-title" className="min-w-0">
      <h2 id="records-title" className="mb-3 text-base font-semibold">
        Records <span className="font-normal text-muted-foreground">({rows.length} on this page)</span>
      </h2>
      {/* Eleven columns: tighter cells than other tables, so they fit 1280 px. */}
      <Table className="[&_td]:px-2 [&_th]:px-2">
        <caption className="sr-only">Usage records, newest first; times in {timeZone}</caption>
        <TableHeader>
          <TableRow>
            <TableHead>Time</TableHead>
            <TableHead>Workspace</TableHead>
            <TableHead>Member</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Source</TableHead>
            <TableHead>Model</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Credits</TableHead>
            <TableHead className="text-right">Images</TableHead>
            <TableHead className="text-right">Tokens</TableHead>
            <TableHead className="text-right">Latency</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id} data-testid="record-row" data-record-id={r.id}>
              <TableCell className="whitespace-nowrap">
                {/* Date over time: the table fits 1280 px without scrolling sideways. */}
                <time dateTime={r.createdAt.toISOString()} className="grid leading-tight">
                  <span>{date.format(r.createdAt)}</span>
                  <span className="text-xs text-muted-foreground">{time.format(r.createdAt)}</span>
                </time>
              </TableCell>
              <TableCell className="max-w-44">
                <Link href={`/admin/workspaces/${r.workspaceId}`} className="min-w-6 truncate font-medium underline decoration-muted-foreground/40 underline-offset-4 hover:decoration-foreground">
                  {r.workspaceName}
                </Link>
              </TableCell>
              <TableCell className="max-w-40 truncate">{r.userLabel}</TableCell>
              <TableCell className="max-w-40 truncate">{r.keyName ?? (r.apiKeyId ? "Deleted key" : "—")}</TableCell>
              <TableCell>{r.source === "api" ? "API" : "Studio"}</TableCell>
              <TableCell className="max-w-48 truncate font-mono text-xs">{r.model}</TableCell>
              <TableCell>
                <Badge variant={STATUS_VARIANT[r.status] ?? "default"}>{r.status}</Badge>
              </TableCell>
              <TableCell className="text-right font-mono tabular-nums" data-testid="record-credits">{formatCount(r.credits)}</TableCell>
              <TableCell className="text-right font-mono tabular-nums">{formatCount(r.images)}</TableCell>
              <TableCell className="whitespace-nowrap text-right font-mono tabular-nums" title={r.promptTokens !== null ? `${formatCount(r.promptTokens)} prompt + ${formatCount(r.completionTokens ?? 0)} completion` : undefined}>
                {r.totalTokens === null ? "—" : formatCount(r.totalTokens)}
              </TableCell>
              <TableCell className="whitespace-nowrap text-right font-mono tabular-nums">{formatMs(r.latencyMs)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <nav aria-label="Record pages" className="mt-3 flex justify-between gap-2 text-sm">
        {newestHref ? (
          <Button asChild variant="outline">
            <Link href={newestHref}>← Newest</Link>
          </Button>
        ) : (
          <span />
        )}
        {olderHref ? (
          <Button asChild variant="outline">
            <Link href={olderHref} rel="next">Older →</Link>
          </Button>
        ) : null}
      </nav>
    </section>
  );
}
