import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import type { UsageFilterOptions } from "@/lib/usage/list-usage-filter-options";
import { bucketsFor, NO_KEY, USAGE_RANGES, USAGE_SOURCES, USAGE_STATUSES, type UsageSearch } from "@/lib/usage/schemas";

const SELECT =
  "flex h-9 w-full min-w-0 rounded-md border border-input bg-background px-2 py-1 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

const RANGE_LABEL = { "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days", "12m": "Last 12 months" };
const BREAKDOWN = [
  ["member", "Member"],
  ["model", "Model"],
  ["key", "API key"],
] as const;

type Props = { action: string; search: UsageSearch; options: UsageFilterOptions; viewAll: boolean };

function Select({ id, label, name, value, children }: { id: string; label: string; name: string; value: string; children: React.ReactNode }) {
  return (
    <div className="grid min-w-0 gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <select id={id} name={name} defaultValue={value} className={SELECT}>
        {children}
      </select>
    </div>
  );
}

/** A GET form: the range, chart settings and filters live in the URL, so a view is a link to share. */
export function UsageControls({ action, search, options, viewAll }: Props) {
  const filtered = Boolean((viewAll && search.member) || search.model || search.key || search.status || search.source);
  return (
    <Form action={action} role="search" aria-label="Usage range and filters" className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5 lg:items-end">
      <input type="hidden" name="tz" value={search.tz} />
      <Select id="usage-range" label="Range" name="range" value={search.range}>
        {USAGE_RANGES.map((r) => (
          <option key={r} value={r}>{RANGE_LABEL[r]}</option>
        ))}
      </Select>
      <Select id="usage-bucket" label="Per" name="bucket" value={search.bucket}>
        {bucketsFor(search.range).map((b) => (
          <option key={b} value={b}>{b}</option>
        ))}
      </Select>
      <Select id="usage-by" label="Break down by" name="by" value={search.by}>
        {BREAKDOWN.map(([value, label]) => (
          <option key={value} value={value}>{label}</option>
        ))}
      </Select>
      {viewAll ? (
        <Select id="usage-member" label="Member" name="member" value={search.member ?? ""}>
          <option value="">Everyone</option>
          {options.members.map((m) => (
            <option key={m.id} value={m.id}>{m.name}</option>
          ))}
        </Select>
      ) : null}
      <Select id="usage-model" label="Model" name="model" value={search.model ?? ""}>
        <option value="">All models</option>
        {options.models.map((m) => (
          <option key={m} value={m}>{m}</option>
        ))}
      </Select>
      <Select id="usage-key" label="API key" name="key" value={search.key ?? ""}>
        <option value="">Any key</option>
        <option value={NO_KEY}>No key (studio)</option>
        {options.keys.map((k) => (
          <option key={k.id} value={k.id}>{k.name}</option>
        ))}
      </Select>
      <Select id="usage-status" label="Status (table)" name="status" value={search.status ?? ""}>
        <option value="">Any status</option>
        {USAGE_STATUSES.map((s) => (
          <option key={s} value={s}>{s}</option>
        ))}
      </Select>
      <Select id="usage-source" label="Source" name="source" value={search.source ?? ""}>
        <option value="">API and studio</option>
        {USAGE_SOURCES.map((s) => (
          <option key={s} value={s}>{s === "api" ? "API" : "Studio"}</option>
        ))}
      </Select>
      <div className="col-span-2 flex items-center gap-2 sm:col-span-1">
        <Button type="submit" variant="outline">Apply</Button>
        {filtered ? (
          <Button asChild variant="ghost">
            <Link href={`${action}?range=${search.range}&tz=${encodeURIComponent(search.tz)}`}>Clear filters</Link>
          </Button>
        ) : null}
      </div>
    </Form>
  );
}
