import Form from "next/form";
import Link from "next/link";
import type { GalleryFilterOptions } from "@/lib/gallery/list-gallery-filter-options";
import type { GalleryFilters as Filters } from "@/lib/gallery/schemas";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const SELECT =
  "flex h-9 w-full rounded-md border border-input bg-background px-3 py-1 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

type Props = { action: string; filters: Filters; options: GalleryFilterOptions };

/** A GET form: the filters live in the URL, so a filtered gallery is a link to share or bookmark. */
export function GalleryFilters({ action, filters, options }: Props) {
  const active = Boolean(filters.model || filters.creatorId || filters.from || filters.to);
  return (
    <Form action={action} role="search" aria-label="Filter images" className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,12rem))_auto] lg:items-end">
      <div className="grid gap-2">
        <Label htmlFor="filter-model">Model</Label>
        <select id="filter-model" name="model" defaultValue={filters.model ?? ""} className={SELECT}>
          <option value="">All models</option>
          {options.models.map((model) => (
            <option key={model} value={model}>
              {model}
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
      <div className="flex items-center gap-2">
        <Button type="submit" variant="outline">
          Apply filters
        </Button>
        {active ? (
          <Button asChild variant="ghost">
            <Link href={action}>Clear</Link>
          </Button>
        ) : null}
      </div>
    </Form>
  );
}
