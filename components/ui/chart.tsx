"use client";

import type { ComponentProps, ReactNode } from "react";
import { ResponsiveContainer, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import { cn } from "@/lib/cn";

/** Series colours, distinct in light and dark themes and for common colour-vision deficiencies (in order). */
export const CHART_COLORS = [
  "oklch(0.62 0.19 290)",
  "oklch(0.7 0.15 200)",
  "oklch(0.75 0.16 75)",
  "oklch(0.6 0.2 25)",
  "oklch(0.65 0.15 150)",
  "oklch(0.6 0.02 265)",
] as const;

export type ChartSeries = { key: string; label: string; color: string };

/**
 * A recharts chart sized by its box (shadcn-style): the box sets the height, the chart fills the width and
 * follows it when the window narrows, so it never widens the page.
 */
export function ChartContainer({ className, children, ...props }: ComponentProps<"div"> & { children: ReactNode }) {
  return (
    <div className={cn("h-64 w-full min-w-0 text-xs [&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground", className)} {...props}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0}>
        {children as React.ReactElement}
      </ResponsiveContainer>
    </div>
  );
}

/** The tooltip body: the bucket, then each series' value with its colour, largest first, and the total. */
export function ChartTooltipContent({
  active,
  payload,
  label,
  series,
  format,
}: Pick<Partial<TooltipContentProps<ValueType, NameType>>, "active" | "payload" | "label"> & { series: ChartSeries[]; format: (value: number) => string }) {
  if (!active || !payload?.length) return null;
  const items = payload
    .map((item) => ({ item, s: series.find((x) => x.key === item.dataKey) }))
    .filter((x) => x.s && Number(x.item.value) !== 0)
    .sort((a, b) => Number(b.item.value) - Number(a.item.value));
  const total = items.reduce((sum, x) => sum + Number(x.item.value), 0);
  return (
    <div className="grid min-w-40 gap-1 rounded-lg border border-border bg-background px-3 py-2 text-xs shadow-md">
      <p className="font-medium">{label}</p>
      {items.map(({ item, s }) => (
        <p key={s!.key} className="flex items-center gap-2">
          <span aria-hidden className="size-2.5 shrink-0 rounded-sm" style={{ background: s!.color }} />
          <span className="flex-1 truncate text-muted-foreground">{s!.label}</span>
          <span className="font-mono tabular-nums">{format(Number(item.value))}</span>
        </p>
      ))}
      <p className="flex justify-between border-t border-border pt-1 font-medium">
        <span>Total</span>
        <span className="font-mono tabular-nums">{format(total)}</span>
      </p>
    </div>
  );
}

/** The legend as a wrapping list (long member names and many series stay inside narrow screens). */
export function ChartLegend({ series }: { series: ChartSeries[] }) {
  return (
    <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
      {series.map((s) => (
        <li key={s.key} className="flex min-w-0 items-center gap-1.5">
          <span aria-hidden className="size-2.5 shrink-0 rounded-sm" style={{ background: s.color }} />
          <span className="truncate">{s.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** A chart's card: its heading (labelling the section), the controls beside it (a metric switch), then the chart. */
export function ChartPanel({ titleId, title, actions, children }: { titleId: string; title: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={titleId} className="min-w-0 rounded-xl border border-border bg-card p-4 sm:p-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/**
 * The numbers behind a chart, folded under "Show the numbers". With `scroll` the table sits in a box that scrolls
 * (`both` ways within a height, or sideways only), focusable so a keyboard can scroll it (axe: scrollable-region-focusable).
 */
export function ChartNumbers({ scroll, children }: { scroll?: "both" | "x"; children: ReactNode }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer py-1 text-muted-foreground">Show the numbers</summary>
      {scroll ? (
        <div tabIndex={0} className={cn("mt-2 focus-visible:outline-2 focus-visible:outline-ring", scroll === "both" ? "max-h-72 overflow-auto" : "overflow-x-auto")}>
          {children}
        </div>
      ) : (
        children
      )}
    </details>
  );
}
