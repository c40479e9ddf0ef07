import { Search, SlidersHorizontal, X } from "lucide-react";
import Form from "next/form";
import Link from "next/link";
import type { GalleryFilterOptions } from "@/lib/gallery/list-gallery-filter-options";
import { filtersQuery, type GalleryFilters as Filters } from "@/lib/gallery/schemas";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

const SELECT =
  "flex h-9 w-full rounded-md border border-input bg-background px-3 py-1 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";
const CHIP =
  "inline-flex h-8 items-center gap-1 rounded-full border px-3 text-sm font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

type Props = { action: string; filters: Filters; options: GalleryFilterOptions };

/** The other filters as hidden fields, so a form that sets some keeps the rest. */
function Keep({ filters, except }: { filters: Filters; except: (keyof Filters)[] }) {
  const kept = Object.fromEntries(Object.entries(filters).filter(([k]) => !except.includes(k as keyof Filters)));
  return [...new URLSearchParams(filtersQuery(kept)).entries()].map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const dayOf = (value: string) => day.format(new Date(`${value}T00:00:00Z`));

/**
 * Search by prompt, then one row of chips: all / uploads / results, each filter in force (a tap removes it),
 * and "More filters" (model, person, dates), folded until asked for. Plain GET forms and links: the filters
 * live in the URL, so a filtered gallery is a link to share or bookmark, and it works without JavaScript.
 */
export function GalleryFilters({ action, filters, options }: Props) {
  const href = (next: Filters) => {
    const query = filtersQuery(next);
    return query ? `${action}?${query}` : action;
  };
  const without = (key: keyof Filters) => href({ ...filters, [key]: undefined });
  const modelName = options.models.find((m) => m.id === filters.model)?.name ?? filters.model;
  const creatorName = options.creators.find((c) => c.id === filters.creatorId)?.name ?? "someone";
  const active: { key: keyof Filters; label: string }[] = [
    ...(filters.model ? [{ key: "model" as const, label: `Model: ${modelName}` }] : []),
    ...(filters.creatorId ? [{ key: "creatorId" as const, label: `By ${creatorName}` }] : []),
    ...(filters.from ? [{ key: "from" as const, label: `From ${dayOf(filters.from)}` }] : []),
    ...(filters.to ? [{ key: "to" as const, label: `To ${dayOf(filters.to)}` }] : []),
  ];
  const kinds = [
    { value: undefined, label: "All" },
    { value: "upload" as const, label: "Uploads" },
    { value: "result" as const, label: "Results" },
  ];

  return (
    <div className="mb-6 grid gap-3">
      <Form action={action} role="search" aria-label="Search images" className="flex max-w-xl gap-2">
        <Keep filters={filters} except={["q"]} />
        <Input name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Search prompts and file names" aria-label="Search prompts and file names" maxLength={200} />
        <Button type="submit" variant="outline" className="shrink-0">
          <Search aria-hidden /> Search
        </Button>
      </Form>
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Kind of image" className="contents">
          {kinds.map((kind) => {
            const current = filters.kind === kind.value;
            return (
              <Link
                key={kind.label}
                href={href({ ...filters, kind: kind.value })}
                aria-current={current ? "true" : undefined}
                className={cn(CHIP, current ? "border-primary bg-primary text-primary-foreground" : "border-border bg-background hover:bg-muted")}
              >
                {kind.label}
              </Link>
            );
          })}
        </div>
        {filters.q ? (
          <Link href={without("q")} className={cn(CHIP, "border-border bg-muted hover:bg-muted/70")} aria-label={`Remove the search “${filters.q}”`}>
            “{filters.q}” <X className="size-3.5" aria-hidden />
          </Link>
        ) : null}
        {active.map(({ key, label }) => (
          <Link key={key} href={without(key)} className={cn(CHIP, "border-border bg-muted hover:bg-muted/70")} aria-label={`Remove the filter ${label}`}>
            {label} <X className="size-3.5" aria-hidden />
          </Link>
        ))}
        <details className="group open:basis-full">
          <summary className={cn(CHIP, "cursor-pointer list-none border-border bg-background hover:bg-muted [&::-webkit-details-marker]:hidden")}>
            <SlidersHorizontal className="size-4" aria-hidden /> More filters
          </summary>
          <Form action={action} aria-label="More filters" className="mt-3 grid gap-3 rounded-lg border border-border p-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,12rem))_auto] lg:items-end">
            <Keep filters={filters} except={["model", "creatorId", "from", "to"]} />
            <div className="grid gap-2">
              <Label htmlFor="filter-model">Model</Label>
              <select id="filter-model" name="model" defaultValue={filters.model ?? ""} className={SELECT}>
                <option value="">All models</option>
                {options.models.map((model) => (
                  <option key={model.id} value={model.id}>
                    {model.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="filter-creator">Created by</Label>
              <select id="filter-creator" name="creator" defaultValue={filters.creatorId ?? ""} className={SELECT}>
                <option value="">Anyone</option>
                {options.creators.map((creator) => (
                  <option key={creator.id} value={creator.id}>
                    {creator.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="filter-from">From (UTC)</Label>
              <Input id="filter-from" name="from" type="date" defaultValue={filters.from ?? ""} />
            </div>
            <div className="grid gap-2">
              <Label htmlFor="filter-to">To (UTC)</Label>
              <Input id="filter-to" name="to" type="date" defaultValue={filters.to ?? ""} />
            </div>
            <Button type="submit" variant="outline">
              Apply filters
            </Button>
          </Form>
        </details>
        {filters.q || filters.kind || active.length ? (
          <Link href={action} className={cn(CHIP, "border-transparent text-muted-foreground hover:text-foreground")}>
            Clear all
          </Link>
        ) : null}
      </div>
    </div>
  );
}
