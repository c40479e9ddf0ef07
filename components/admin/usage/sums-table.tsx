import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PlatformSums } from "@/lib/platform-usage/types";
import { errorRate, formatCount, formatPercent } from "./format";

export type SumsRow = PlatformSums & { key: string; label: string; href: string | null; sub?: string };

/**
 * Rows of range totals (a breakdown's series, top spenders), each linking to its records over the whole range.
 * On a phone only the name, credits and calls stay; the table scrolls sideways inside its box for the rest.
 */
export function SumsTable({ rows, nameHeader, caption, testId }: { rows: SumsRow[]; nameHeader: string; caption: string; testId: string }) {
  return (
    <Table data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>{nameHeader}</TableHead>
          <TableHead className="text-right">Credits</TableHead>
          <TableHead className="text-right">Calls</TableHead>
          <TableHead className="text-right">Error rate</TableHead>
          <TableHead className="text-right">Tokens</TableHead>
          <TableHead className="text-right">Images</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key} data-series={r.key}>
            <TableCell className="max-w-56">
              {r.href ? (
                <Link href={r.href} className="block truncate font-medium underline decoration-muted-foreground/40 underline-offset-4 hover:decoration-foreground" aria-label={`Records of ${r.label}`}>
                  {r.label}
                </Link>
              ) : (
                <span className="block truncate font-medium">{r.label}</span>
              )}
              {r.sub ? <span className="block truncate text-xs text-muted-foreground">{r.sub}</span> : null}
            </TableCell>
            <TableCell className="text-right font-mono tabular-nums">{formatCount(r.credits)}</TableCell>
            <TableCell className="text-right font-mono tabular-nums">{formatCount(r.calls)}</TableCell>
            <TableCell className="text-right font-mono tabular-nums">{formatPercent(errorRate(r))}</TableCell>
            <TableCell className="text-right font-mono tabular-nums">{formatCount(r.totalTokens)}</TableCell>
            <TableCell className="text-right font-mono tabular-nums">{formatCount(r.images)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
